package io.pqflux.tempo.query.internal.metrics;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.tempo.query.MetricsResponse;
import java.util.List;

/**
 * A final series before it is written: labels, one value per step (NaN: no value, left out of the answer) and
 * exemplars. Second stages work on these, as Tempo's work on its {@code SeriesSet}.
 */
record SeriesValues(List<KeyValue> labels, double[] values, List<MetricsResponse.Exemplar> exemplars) {
}
