package io.pqflux.tempo.internal.search;

import io.pqflux.tempo.internal.traceql.StaticValue;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spans of one trace (indexes into its {@link TraceSpans}, in stored order) and the attributes the pipeline gave the
 * set, e.g. {@code by(resource.service.name)}'s value.
 */
record Spanset(BitSet spans, Map<String, StaticValue> attributes) {

    static Spanset of(BitSet spans) {
        return new Spanset(spans, Map.of());
    }

    /** The same attributes over other spans. */
    Spanset with(BitSet other) {
        return new Spanset(other, attributes);
    }

    /** These attributes and one more. */
    Spanset withAttribute(String key, StaticValue value, BitSet other) {
        Map<String, StaticValue> more = new LinkedHashMap<>(attributes);
        more.put(key, value);
        return new Spanset(other, more);
    }

    boolean isEmpty() {
        return spans.isEmpty();
    }

    int size() {
        return spans.cardinality();
    }
}
