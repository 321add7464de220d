package io.pqflux.reactive;

import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reactive.internal.pipeline.MemoryBudget;

/**
 * One batch of a scan: a slice of a row group of one file, decoded. The subscriber owns it and must close it, which
 * frees its vectors and gives its bytes back to the scan's memory budget (so the scan can read ahead again). Batches
 * the pipeline drops itself — on cancellation, on error, or in its queues — it closes.
 */
public final class ParquetBatch implements AutoCloseable {

    private final String file;
    private final RowGroupBatch batch;
    private final MemoryBudget.Reservation reservation;

    ParquetBatch(String file, RowGroupBatch batch, MemoryBudget.Reservation reservation) {
        this.file = file;
        this.batch = batch;
        this.reservation = reservation;
    }

    /** The file's name or URI. */
    public String file() {
        return file;
    }

    public int rowGroup() {
        return batch.rowGroup();
    }

    /** The decoded columns; {@code batch().rows()} says which rows of the row group they hold. */
    public RowGroupBatch batch() {
        return batch;
    }

    /** Closes the vectors and releases the batch's share of the memory budget; idempotent. */
    @Override
    public void close() {
        try {
            batch.close();
        } finally {
            reservation.release();
        }
    }
}
