package io.pqflux.flink.internal.parquet;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.CountingProgress;
import io.pqflux.flink.internal.source.SplitProgress;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.parquet.RecordMapper;

/** The Parquet source's parts: a record is itself and counts one toward its split. */
public final class ParquetSources {

    private ParquetSources() {
    }

    public static <T> SplitReading.Factory<T, ParquetSplit> reading(StoreLocation root, ParquetScan scan, RecordMapper<T> mapper) {
        return scanMetrics -> new ParquetReading<>(root, scan, mapper, scanMetrics);
    }

    public static <T> SplitProgress<T, T, ParquetSplit> progress() {
        return CountingProgress.of(ParquetSplit::next);
    }
}
