package io.pqflux.flink.parquet;

import io.pqflux.reactive.dataset.DatasetBatch;
import java.io.Serializable;
import java.util.List;

/**
 * Turns a batch of a dataset's file into a source's records, on the task managers. Batch column {@code i} is the
 * source's column {@code i}: a decoded vector, or a constant (a partition value; null for a column the file lacks).
 * The batch is closed right after, so records must not keep views of its memory.
 */
@FunctionalInterface
public interface RecordMapper<T> extends Serializable {

    List<T> map(DatasetBatch batch);
}
