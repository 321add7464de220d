package io.pqflux.reactive;

import io.pqflux.reader.RowGroupBatch;
import java.util.List;

/**
 * Turns a decoded batch into values (rows, traces, log records…). Runs on the decode scheduler; the batch is closed
 * right after, so the values must not keep views of its memory (copy strings and bytes out).
 */
@FunctionalInterface
public interface BatchMapper<T> {

    List<T> map(RowGroupBatch batch);
}
