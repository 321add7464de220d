package io.pqflux.tempo.query;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * A metrics query's answer in the shape of Tempo's {@code QueryRangeResponse}: series sorted as Tempo's frontend sorts
 * them, each with its samples (oldest first, empty steps left out) and exemplars. For an instant query each series
 * has one sample, stamped with the range's end.
 *
 * @param instant whether this answers an instant query ({@code QueryInstantResponse}'s shape in {@link TempoJson})
 */
public record MetricsResponse(List<Series> series, boolean instant, SearchResponse.Metrics metrics) {

    public MetricsResponse {
        series = List.copyOf(series);
    }

    /** One series: its labels (typed values, Tempo's {@code AsAnyValue}), samples and exemplars. */
    public record Series(List<KeyValue> labels, List<Sample> samples, List<Exemplar> exemplars) {
        public Series {
            labels = List.copyOf(labels);
            samples = List.copyOf(samples);
            exemplars = List.copyOf(exemplars);
        }
    }

    public record Sample(long timestampMs, double value) {
    }

    /** A span standing for a step: its labels ({@code trace:id}, {@code span:id}), value and start in milliseconds. */
    public record Exemplar(List<KeyValue> labels, double value, long timestampMs) {
        public Exemplar {
            labels = List.copyOf(labels);
        }
    }
}
