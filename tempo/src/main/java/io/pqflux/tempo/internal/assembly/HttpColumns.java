package io.pqflux.tempo.internal.assembly;

import io.pqflux.nested.SlotReader;
import java.util.List;
import java.util.Map;

/**
 * The well-known span columns of vParquet3 and vParquet4: {@code http.method} and {@code http.url} (strings) and
 * {@code http.status_code} (an int), appended after the span's dedicated attributes when not null
 * (docs/tempo-format.md §8.2).
 */
public final class HttpColumns {

    private static final String METHOD = "HttpMethod", URL = "HttpUrl", STATUS_CODE = "HttpStatusCode";
    /** The leaves (after the span's path) and the attribute each holds. */
    public static final Map<String, String> LEAVES = Map.of(METHOD, "http.method", URL, "http.url",
            STATUS_CODE, "http.status_code");

    private final SlotReader method, url, statusCode;

    private HttpColumns(Map<String, SlotReader> leaves, String span) {
        method = leaves.get(span + METHOD);
        url = leaves.get(span + URL);
        statusCode = leaves.get(span + STATUS_CODE);
    }

    /** Whether the leaf holds ints ({@code http.status_code}); the others hold strings. */
    public static boolean holdsInts(String leaf) {
        return leaf.equals(STATUS_CODE);
    }

    /** The leaf of the string column of span attribute {@code name}, or null. */
    static String stringLeaf(String name) {
        return leafOf(name, false);
    }

    /** The int columns of attribute {@code name} of {@code owner}: {@code http.status_code} of a span. */
    public static List<String> intColumns(TracePaths paths, AttributeOwner owner, String name) {
        String leaf = leafOf(name, true);
        return owner == AttributeOwner.SPAN && leaf != null ? List.of(paths.span + leaf) : List.of();
    }

    private static String leafOf(String name, boolean ints) {
        for (Map.Entry<String, String> e : LEAVES.entrySet()) {
            if (e.getValue().equals(name) && holdsInts(e.getKey()) == ints) return e.getKey();
        }
        return null;
    }

    /** @param span the path of a span element, up to and including the dot before its leaves */
    public static HttpColumns of(Map<String, SlotReader> leaves, String span) {
        return new HttpColumns(leaves, span);
    }

    public void append(int s, AttributeSink out) {
        if (method != null && !method.isNull(s)) out.string("http.method", method, s);
        if (url != null && !url.isNull(s)) out.string("http.url", url, s);
        if (statusCode != null && !statusCode.isNull(s)) out.int64("http.status_code", statusCode.int64(s));
    }
}
