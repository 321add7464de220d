package io.pqflux.flink.internal.tempo;

import io.pqflux.flink.RecordFunction;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.CountingProgress;
import io.pqflux.flink.internal.source.SplitProgress;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.tempo.TempoSplit;
import io.pqflux.tempo.SpanWithContext;
import io.pqflux.tempo.Trace;

/** The Tempo source's parts, for traces and for spans: a record is itself and counts one toward its split. */
public final class TempoSources {

    private TempoSources() {
    }

    public static SplitReading.Factory<Trace, TempoSplit> traces(StoreLocation root, TempoScan scan) {
        return scanMetrics -> new TempoReading<>(root, scan, scanMetrics, (block, options) -> block.traces(options));
    }

    public static SplitReading.Factory<SpanWithContext, TempoSplit> spans(StoreLocation root, TempoScan scan) {
        return scanMetrics -> new TempoReading<>(root, scan, scanMetrics, (block, options) -> block.spans(options));
    }

    /** Each element made into a record by {@code records}; one record moves its split on by one. */
    public static <E, T> SplitProgress<E, T, TempoSplit> progress(RecordFunction<E, T> records) {
        return new CountingProgress<>(records, TempoSplit::next);
    }
}
