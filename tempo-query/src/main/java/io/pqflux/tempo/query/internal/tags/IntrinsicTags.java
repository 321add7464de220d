package io.pqflux.tempo.query.internal.tags;

import io.pqflux.tempo.query.TagValues.TagValue;
import java.util.List;

/**
 * What Tempo answers about intrinsics without reading a block (pkg/search/util.go): the names of the intrinsic scope,
 * and fixed values for statuses, kinds and durations.
 */
final class IntrinsicTags {

    private IntrinsicTags() {
    }

    /**
     * The intrinsic scope's names ({@code GetVirtualIntrinsicValues}; the nested-set intrinsics are left out, as
     * Tempo leaves them out of autocompletion), in Tempo's list order.
     */
    static final List<String> NAMES = List.of("duration", "name", "status", "statusMessage", "kind", "rootServiceName",
            "rootName", "traceDuration", "event:name", "event:timeSinceStart", "link:spanID", "link:traceID",
            "instrumentation:name", "instrumentation:version", "trace:id", "span:id", "span:parentID", "span:status",
            "span:statusMessage", "span:duration", "span:name", "span:kind", "trace:rootName", "trace:rootService",
            "trace:duration");

    /**
     * The fixed values of a tag as spelled, null when its values come from the blocks ({@code GetVirtualTagValuesV2}:
     * it matches the spelling, so {@code traceDuration} has none while {@code trace:duration} reads the blocks). A tag
     * with fixed values ignores the filter.
     */
    static List<TagValue> fixedValues(String tag) {
        return switch (tag) {
            case "status", "span:status" -> List.of(keyword("ok"), keyword("error"), keyword("unset"));
            case "kind", "span:kind" -> List.of(keyword("client"), keyword("server"), keyword("producer"),
                    keyword("consumer"), keyword("internal"), keyword("unspecified"));
            case "duration", "span:duration", "traceDuration" -> List.of();
            default -> null;
        };
    }

    private static TagValue keyword(String word) {
        return new TagValue("keyword", word);
    }
}
