package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.nested.SlotReader;
import java.util.List;
import java.util.Map;

/**
 * The well-known span columns of vParquet3 and vParquet4: {@code http.method} and {@code http.url} (strings) and
 * {@code http.status_code} (an int), appended after the span's dedicated attributes when not null
 * (docs/tempo-format.md §8.2).
 */
public final class HttpColumns {

    private final SlotReader method, url, statusCode;

    private HttpColumns(Map<String, SlotReader> leaves, String span) {
        method = leaves.get(span + "HttpMethod");
        url = leaves.get(span + "HttpUrl");
        statusCode = leaves.get(span + "HttpStatusCode");
    }

    /** The leaf of the string column of span attribute {@code name}, or null. */
    static String stringLeaf(String name) {
        return switch (name) {
            case "http.method" -> "HttpMethod";
            case "http.url" -> "HttpUrl";
            default -> null;
        };
    }

    /** The int columns of attribute {@code name} of {@code owner}: {@code http.status_code} of a span. */
    public static List<String> intColumns(TracePaths paths, AttributeOwner owner, String name) {
        return owner == AttributeOwner.SPAN && name.equals("http.status_code") ? List.of(paths.span + "HttpStatusCode") : List.of();
    }

    /** @param span the path of a span element, up to and including the dot before its leaves */
    public static HttpColumns of(Map<String, SlotReader> leaves, String span) {
        return new HttpColumns(leaves, span);
    }

    public void append(int s, List<KeyValue> out) {
        if (method != null && !method.isNull(s)) out.add(StaticColumns.string("http.method", method.string(s)));
        if (url != null && !url.isNull(s)) out.add(StaticColumns.string("http.url", url.string(s)));
        if (statusCode != null && !statusCode.isNull(s)) {
            out.add(KeyValue.newBuilder().setKey("http.status_code")
                    .setValue(AnyValue.newBuilder().setIntValue(statusCode.int64(s))).build());
        }
    }
}
