package io.pqflux.tempo.query.internal.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Spans of one trace (indexes into its {@link TraceFields}, distinct) in the order Tempo's engine holds them — which
 * decides the first value of a {@code sum} and ties of {@code min}/{@code max} — and the attributes the pipeline gave
 * the set, in the order added ({@code by(…)} values, aggregates).
 */
record Spanset(int[] spans, List<Attribute> attributes) {

    /** A spanset attribute: Tempo's name for what computed it, and the value. */
    record Attribute(String name, FieldValue value) {
    }

    Spanset {
        attributes = List.copyOf(attributes);
    }

    static Spanset of(int[] spans) {
        return new Spanset(spans, List.of());
    }

    /** The same attributes over other spans. */
    Spanset with(int[] other) {
        return new Spanset(other, attributes);
    }

    /** These attributes and one more, over other spans. */
    Spanset withAttribute(String name, FieldValue value, int[] other) {
        List<Attribute> more = new ArrayList<>(attributes);
        more.add(new Attribute(name, value));
        return new Spanset(other, more);
    }

    int size() {
        return spans.length;
    }
}
