package io.pqflux.tempo.query.internal.metrics;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Comparator;
import java.util.List;

/** How series are ordered. */
final class SeriesOrder {

    private SeriesOrder() {
    }

    /**
     * Tempo's frontend order ({@code sortResponse}, metrics_query_range.go): fewer labels first, then label by label
     * the key, then the value's text. Tempo compares the protobuf text of the values, which puts values of one type
     * in the order of their text; we compare the type, then the text.
     */
    static final Comparator<SeriesValues> RESPONSE = (a, b) -> {
        List<KeyValue> la = a.labels(), lb = b.labels();
        if (la.size() != lb.size()) return Integer.compare(la.size(), lb.size());
        for (int i = 0; i < la.size(); i++) {
            int c = la.get(i).getKey().compareTo(lb.get(i).getKey());
            if (c != 0) return c;
            c = text(la.get(i).getValue()).compareTo(text(lb.get(i).getValue()));
            if (c != 0) return c;
        }
        return 0;
    };

    /** Label values in order, by their text: how ties between series are broken. */
    static final Comparator<SeriesValues> LABEL_VALUES = (a, b) -> {
        List<KeyValue> la = a.labels(), lb = b.labels();
        for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
            int c = text(la.get(i).getValue()).compareTo(text(lb.get(i).getValue()));
            if (c != 0) return c;
            c = la.get(i).getKey().compareTo(lb.get(i).getKey());
            if (c != 0) return c;
        }
        return Integer.compare(la.size(), lb.size());
    };

    static String text(AnyValue value) {
        return value.getValueCase().name() + ":" + switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> value.toString();
        };
    }
}
