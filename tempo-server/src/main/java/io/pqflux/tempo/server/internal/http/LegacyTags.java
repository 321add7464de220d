package io.pqflux.tempo.server.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The tags search Tempo kept from before TraceQL: {@code tags} in logfmt ({@code service.name=api
 * http.status_code=500 "name with space"="x"}), each an attribute of a span or its resource equal to the text, plus
 * bounds on the trace's duration: the same as the TraceQL filter {@code { .k = "v" && traceDuration >= 100ms }}.
 */
final class LegacyTags {

    private LegacyTags() {
    }

    /** logfmt pairs in order; null or blank: none. */
    static Map<String, String> parse(String logfmt) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (logfmt == null) return pairs;
        int at = 0;
        while (true) {
            while (at < logfmt.length() && logfmt.charAt(at) == ' ') at++;
            if (at >= logfmt.length()) return pairs;
            StringBuilder key = new StringBuilder();
            at = token(logfmt, at, key, true);
            if (at >= logfmt.length() || logfmt.charAt(at) != '=') {
                throw ApiException.badRequest("invalid tags '" + ClientText.printable(logfmt, 64) + "': expected key=value at "
                        + "offset " + at);
            }
            StringBuilder value = new StringBuilder();
            at = token(logfmt, at + 1, value, false);
            if (key.isEmpty()) throw ApiException.badRequest("invalid tags '" + ClientText.printable(logfmt, 64) + "': empty key");
            pairs.put(key.toString(), value.toString());
        }
    }

    /** One key or value, quoted (with backslash escapes) or bare; returns the offset after it. */
    private static int token(String text, int at, StringBuilder out, boolean key) {
        if (at < text.length() && text.charAt(at) == '"') {
            for (int i = at + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    return i + 1;
                } else {
                    out.append(c);
                }
            }
            throw ApiException.badRequest("invalid tags '" + ClientText.printable(text, 64) + "': unclosed quote at offset " + at);
        }
        int i = at;
        while (i < text.length() && text.charAt(i) != ' ' && !(key && text.charAt(i) == '=')) out.append(text.charAt(i++));
        return i;
    }

    /** The TraceQL filter the tags and bounds stand for ({@code {}} without any). */
    static String traceQl(SortedMap<String, String> tags, long minDurationMs, long maxDurationMs) {
        StringBuilder query = new StringBuilder();
        for (var tag : tags.entrySet()) {
            and(query).append('.').append(quotedName(tag.getKey())).append(" = ").append(quoted(tag.getValue()));
        }
        if (minDurationMs > 0) and(query).append("traceDuration >= ").append(minDurationMs).append("ms");
        if (maxDurationMs > 0) and(query).append("traceDuration <= ").append(maxDurationMs).append("ms");
        return "{ " + query + (query.isEmpty() ? "}" : " }");
    }

    private static StringBuilder and(StringBuilder query) {
        return query.isEmpty() ? query : query.append(" && ");
    }

    /** An attribute name as TraceQL takes it: bare when it is dotted words, else quoted. */
    private static String quotedName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_\\-/]+)*") ? name : quoted(name);
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
