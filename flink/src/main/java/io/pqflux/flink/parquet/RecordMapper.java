package io.pqflux.flink.parquet;

import io.pqflux.reactive.BatchMapper;
import java.io.Serializable;

/**
 * Turns a decoded batch into a source's records, on the task managers: a {@link BatchMapper} a job can ship. The batch
 * is closed right after, so records must not keep views of its memory.
 */
@FunctionalInterface
public interface RecordMapper<T> extends BatchMapper<T>, Serializable {
}
