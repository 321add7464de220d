package io.pqflux.tempo.server.internal.http;

import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TagsRequest;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.server.internal.proto.ProtoAnswers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Autocomplete: {@code /api/search/tags}, {@code /api/v2/search/tags}, {@code /api/search/tag/{tag}/values} and
 * {@code /api/v2/search/tag/{scope.tag}/values}.
 */
public final class TagEndpoints {

    private TagEndpoints() {
    }

    public static Mono<Answer> names(TempoQuerier querier, Params params, boolean v2, boolean protobuf) {
        TagsRequest request = tagsRequest(params.string("scope"), params.string("q"), params.unixSeconds("start"),
                params.unixSeconds("end"), params.count("limit", 0, Integer.MAX_VALUE));
        return querier.tagNames(request).map(names -> (v2
                ? (protobuf ? Answer.protobuf(ProtoAnswers.tagsV2(names)) : Answer.json(QueryJson.tagsV2(names)))
                : (protobuf ? Answer.protobuf(ProtoAnswers.tagsV1(names)) : Answer.json(QueryJson.tagsV1(names))))
                .withBytesRead(names.metrics().inspectedBytes()));
    }

    /** A tag-names request from Tempo's parameters; {@code scope} null, empty or {@code all} for every scope. */
    public static TagsRequest tagsRequest(String scope, String query, Instant start, Instant end, int limit) {
        TagsRequest.Scope parsed;
        try {
            parsed = scope == null || scope.isEmpty() || scope.equals("all") ? null : TagsRequest.Scope.parse(scope);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid scope: " + e.getMessage());
        }
        checkRange(start, end);
        return new TagsRequest(parsed, query, start, end, limit);
    }

    /**
     * Values of {@code rawTag} (the path segment as sent). v2 names a TraceQL identifier ({@code resource.service.name},
     * {@code span.http.method}, {@code name}); v1 an attribute name of any scope ({@code service.name}).
     */
    public static Mono<Answer> values(TempoQuerier querier, String rawTag, Params params, boolean v2, boolean protobuf) {
        TagValuesRequest request = valuesRequest(decodedTag(rawTag), v2, params.string("q"),
                params.unixSeconds("start"), params.unixSeconds("end"), params.count("limit", 0, Integer.MAX_VALUE));
        return querier.tagValues(request).map(values -> (v2
                ? (protobuf ? Answer.protobuf(ProtoAnswers.tagValuesV2(values)) : Answer.json(QueryJson.tagValuesV2(values)))
                : (protobuf ? Answer.protobuf(ProtoAnswers.tagValuesV1(values)) : Answer.json(QueryJson.tagValuesV1(values))))
                .withBytesRead(values.metrics().inspectedBytes()));
    }

    /** A tag-values request; a v1 name becomes the unscoped attribute {@code .name}. */
    public static TagValuesRequest valuesRequest(String tag, boolean v2, String query, Instant start, Instant end,
                                                 int limit) {
        if (tag.isEmpty()) throw ApiException.badRequest("empty tag name");
        checkRange(start, end);
        String identifier = v2 || tag.startsWith(".") ? tag : "." + tag;
        return new TagValuesRequest(identifier, query, start, end, limit);
    }

    /**
     * The tag name of a path segment: the URI's own percent-encoding undone, then Grafana's second encoding (it encodes
     * the name before putting it in the path), as Tempo unescapes the path variable again.
     */
    static String decodedTag(String raw) {
        try {
            String once = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            return once.indexOf('%') >= 0 ? URLDecoder.decode(once.replace("+", "%2B"), StandardCharsets.UTF_8) : once;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid tag name '" + ClientText.printable(raw, 64) + "': " + e.getMessage());
        }
    }

    private static void checkRange(Instant start, Instant end) {
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.badRequest("invalid start " + start.getEpochSecond() + ": after end " + end.getEpochSecond());
        }
    }
}
