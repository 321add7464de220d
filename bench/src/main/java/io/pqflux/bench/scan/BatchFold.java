package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.Fold;
import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Folds the batches of a {@link io.pqflux.reactive.ParquetFlux} scan of a flat file into the checksum the chunk scans
 * compute ({@link PqfluxScan#fold}): entry i of a batch's column is file row (first row of the batch's row group) +
 * {@link RowGroupBatch#rowGroupRow}(i), so a batch's sums do not depend on which batches came before it and batches
 * may be folded in any order, on any thread.
 */
public final class BatchFold {

    /** File row of each row group's first row. */
    private final long[] rowGroupFirstRows;
    private final int columns;

    /** For scans with the projection of {@code reader} (whose footer gives the row groups' sizes). */
    public BatchFold(ParquetReader reader) {
        for (ColumnDescriptor column : reader.projectedColumns()) {
            if (column.maxRepetitionLevel() > 0) {
                throw new IllegalArgumentException("BatchFold positions entries by row, so it folds flat columns only; "
                        + String.join(".", column.path()) + " is repeated");
            }
        }
        List<RowGroup> rowGroups = reader.metaData().rowGroups();
        rowGroupFirstRows = new long[rowGroups.size()];
        long row = 0;
        for (int g = 0; g < rowGroups.size(); g++) {
            rowGroupFirstRows[g] = row;
            row += rowGroups.get(g).numRows();
        }
        columns = reader.projectedColumns().size();
    }

    /** Per projected column, the sum of the folds of the batch's entries. */
    public long[] columnSums(RowGroupBatch batch) {
        if (batch.hasSelection() || batch.rows().intervalCount() > 1) {
            throw new IllegalArgumentException("BatchFold expects unfiltered batches of consecutive rows, got rows "
                    + batch.rows() + " of row group " + batch.rowGroup());
        }
        long firstPosition = rowGroupFirstRows[batch.rowGroup()] + batch.rowGroupRow(0);
        List<ColumnVector> vectors = batch.columns();
        long[] sums = new long[columns];
        for (int c = 0; c < columns; c++) sums[c] = PqfluxScan.fold(vectors.get(c), firstPosition);
        return sums;
    }

    /** Folds and closes the batch. */
    public long[] closeAfterFold(ParquetBatch batch) {
        try (batch) {
            return columnSums(batch.batch());
        }
    }

    /** The checksum of every batch, each folded on the thread that delivers it (one after the other, in file order). */
    public long inOrder(Flux<ParquetBatch> batches) {
        return checksum(batches.reduceWith(() -> new long[columns], (sums, batch) -> add(sums, closeAfterFold(batch))));
    }

    /**
     * The checksum of every batch, folded on {@code rails} workers of {@code scheduler} (as a consumer that wants every
     * core does); each rail takes one batch at a time from the scan.
     */
    public long onRails(Flux<ParquetBatch> batches, int rails, Scheduler scheduler) {
        return checksum(batches.parallel(rails, 1).runOn(scheduler, 1).map(this::closeAfterFold).reduce(BatchFold::add));
    }

    private long checksum(Mono<long[]> sums) {
        long[] result = sums.doOnDiscard(ParquetBatch.class, ParquetBatch::close).block();
        return Fold.combine(result == null ? new long[columns] : result);
    }

    /** Adds {@code partial} into {@code sums}; returns {@code sums}. */
    public static long[] add(long[] sums, long[] partial) {
        for (int c = 0; c < sums.length; c++) sums[c] += partial[c];
        return sums;
    }
}
