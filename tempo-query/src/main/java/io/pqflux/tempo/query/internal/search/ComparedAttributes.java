package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.SourceRange;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The attributes {@code compare()} groups a span by, named as series labels: what Tempo's "select all" fetches of a
 * span, its scope, resource and trace, less the durations and identifiers it skips (docs/traceql.md § "compare()"):
 * {@code rootName}, {@code rootServiceName}; the resource's attributes ({@code resource.service.name} always, "" where
 * the resource has none, as its vParquet column is required); {@code instrumentation:name},
 * {@code instrumentation:version} and the scope's attributes; {@code name}, {@code status}, {@code statusMessage},
 * {@code kind}, {@code span:childCount} where the block stores it (vParquet5) and the span's attributes. A name
 * repeated in one attribute list counts once (the first); nil values are left out. Each value comes as its group key;
 * {@link MatchedSpans#comparedLabel} makes its label (once per value ranked, not per span).
 *
 * <p>The same rules for a span of an assembled trace and for one read from a batch's columns ({@link ObservedSpan}
 * gives what they read). One per query evaluation, not thread-safe: it names each attribute once, not once per span.
 */
final class ComparedAttributes {

    private static final ComparedGroup[] GROUPS = ComparedGroup.values();

    private final Map<AttributeScope, Map<String, String>> names = new EnumMap<>(AttributeScope.class);
    /** The names of the attribute list being walked, for its repeats: reused from list to list. */
    private String[] keys = new String[16];

    void forEach(ObservedSpan span, boolean childCount, BiConsumer<String, Object> sink) {
        for (ComparedGroup group : GROUPS) forEach(span, group, childCount, sink);
    }

    /** The attributes of one of the span's owners, in the order {@link #forEach(ObservedSpan, boolean, BiConsumer)} gives them. */
    void forEach(ObservedSpan span, ComparedGroup group, boolean childCount, BiConsumer<String, Object> sink) {
        switch (group) {
            case TRACE -> {
                intrinsic(span, Intrinsic.ROOT_NAME, sink);
                intrinsic(span, Intrinsic.ROOT_SERVICE, sink);
            }
            case RESOURCE -> {
                boolean serviceName = attributes(AttributeScope.RESOURCE, span.resourceAttributes(), sink);
                if (!serviceName) {
                    sink.accept(name(AttributeScope.RESOURCE, "service.name"), compared(new FieldValue.StringValue("")));
                }
            }
            case SCOPE -> {
                intrinsic(span, Intrinsic.INSTRUMENTATION_NAME, sink);
                intrinsic(span, Intrinsic.INSTRUMENTATION_VERSION, sink);
                attributes(AttributeScope.INSTRUMENTATION, span.scopeAttributes(), sink);
            }
            case SPAN -> {
                intrinsic(span, Intrinsic.NAME, sink);
                intrinsic(span, Intrinsic.STATUS, sink);
                intrinsic(span, Intrinsic.STATUS_MESSAGE, sink);
                intrinsic(span, Intrinsic.KIND, sink);
                if (childCount) intrinsic(span, Intrinsic.CHILD_COUNT, sink);
                attributes(AttributeScope.SPAN, span.spanAttributes(), sink);
            }
        }
    }

    private static void intrinsic(ObservedSpan span, Intrinsic intrinsic, BiConsumer<String, Object> sink) {
        FieldValue value = span.intrinsic(intrinsic);
        if (!value.isNil()) sink.accept(intrinsic.tempoName(), compared(value));
    }

    /** Returns whether the list has {@code service.name}. */
    private boolean attributes(AttributeScope scope, List<KeyValue> attributes, BiConsumer<String, Object> sink) {
        boolean serviceName = false;
        int count = attributes.size();
        if (keys.length < count) keys = new String[Math.max(count, 2 * keys.length)];
        for (int i = 0; i < count; i++) {
            KeyValue kv = attributes.get(i);
            String key = kv.getKey();
            keys[i] = key;
            if (repeated(i)) continue;
            serviceName |= key.equals("service.name");
            FieldValue value = FieldValue.of(kv.getValue());
            if (!value.isNil()) sink.accept(name(scope, key), compared(value));
        }
        return serviceName;
    }

    /** Whether an earlier attribute of the list has the same name as the {@code i}th (lists are short: no set per span). */
    private boolean repeated(int i) {
        for (int j = 0; j < i; j++) {
            if (keys[j].equals(keys[i])) return true;
        }
        return false;
    }

    private String name(AttributeScope scope, String key) {
        Map<String, String> ofScope = names.get(scope);
        if (ofScope == null) {
            ofScope = new HashMap<>();
            names.put(scope, ofScope);
        }
        String name = ofScope.get(key);
        if (name == null) {
            name = TempoNames.field(new AttributeField(scope, false, key, SourceRange.NONE));
            ofScope.put(key, name);
        }
        return name;
    }

    /**
     * A value as {@code compare()}'s series carry it after Tempo's frontend has merged them, as a group key: statuses
     * and kinds as their words, arrays as the string "nil" (the frontend reads an array label back as nil), other
     * values as they are, grouped by type and value.
     */
    private static FieldValue compared(FieldValue value) {
        return switch (value) {
            case FieldValue.StatusValue s -> new FieldValue.StringValue(TempoNames.text(s));
            case FieldValue.KindValue k -> new FieldValue.StringValue(TempoNames.text(k));
            case FieldValue.ArrayValue ignored -> new FieldValue.StringValue("nil");
            default -> value;
        };
    }
}
