package io.pqflux.tempo.query;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link TagValuesRequest}: distinct values, each with Tempo's type name. Tempo returns them in no
 * particular order (a Go map); here they are sorted by type, then value, so answers compare.
 */
public record TagValues(List<TagValue> values, MetadataMetrics metrics) {

    /**
     * One value as Tempo's {@code TagValue} gives it.
     *
     * @param type  {@code string}, {@code int}, {@code float}, {@code bool}, {@code duration}, or {@code keyword} for
     *              statuses and kinds
     * @param value the value's text: strings as they are, numbers, booleans and durations as TraceQL prints them
     */
    public record TagValue(String type, String value) implements Comparable<TagValue> {
        public TagValue {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int compareTo(TagValue other) {
            int byType = type.compareTo(other.type);
            return byType != 0 ? byType : value.compareTo(other.value);
        }
    }

    public TagValues {
        values = List.copyOf(values);
        Objects.requireNonNull(metrics, "metrics");
    }

    /** The values as v1's {@code /api/search/tag/{tag}/values} lists them: the texts alone, each once. */
    public List<String> v1Values() {
        return values.stream().map(TagValue::value).distinct().toList();
    }
}
