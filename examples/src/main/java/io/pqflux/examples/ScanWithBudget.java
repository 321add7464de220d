package io.pqflux.examples;

import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import java.nio.file.Path;

/**
 * Counts the rows of a file through a {@code Flux} of batches read ahead within a memory budget:
 * {@code ScanWithBudget <file.parquet> [<budget MiB>]}.
 */
public final class ScanWithBudget {

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long budgetMiB = args.length > 1 ? Long.parseLong(args[1]) : 64;
        ScanOptions options = ScanOptions.defaults()
                .withBatchRows(1_000)                  // row groups are cut into batches of at most 1,000 rows
                .withMemoryBudget(budgetMiB << 20);    // fetched bytes and unclosed batches stay below this
        long[] batches = {0};
        long rows = ParquetFlux.batches(file, options)
                .map(batch -> {
                    // Close every batch: that frees its vectors and returns its bytes to the budget.
                    try (batch) {
                        batches[0]++;
                        return batch.batch().rowCount();
                    }
                })
                .reduce(0L, Long::sum)
                .block();   // a command-line program waits; a service would subscribe instead
        System.out.println(rows + " rows in " + batches[0] + " batches");
    }
}
