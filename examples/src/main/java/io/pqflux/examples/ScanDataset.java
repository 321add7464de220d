package io.pqflux.examples;

import io.pqflux.filter.Predicate;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetMetrics;
import io.pqflux.reader.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the rows of a directory of Parquet files (with {@code key=value} folders as partition columns) where an
 * integer column is at least a value: {@code ScanDataset <directory> <column> <minimum>}.
 */
public final class ScanDataset {

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        String column = args[1];
        long minimum = Long.parseLong(args[2]);
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        Dataset dataset = Dataset.local(directory).withMetricsListener(metrics::set);
        // The column may be a data column or a partition key (year=2024/ folders); files, row groups and pages
        // the predicate rules out are skipped, and the rows left are filtered exactly.
        ReadOptions read = ReadOptions.defaults()
                .withColumns(List.of(column))
                .withFilter(Predicate.gtEq(column, minimum));
        long matching = dataset.batches(ScanOptions.defaults().withReadOptions(read))
                .map(batch -> {
                    try (batch) {
                        // rows outside the selection were decoded only because they share pages with matches
                        return (long) batch.data().selectedRowCount();
                    }
                })
                .reduce(0L, Long::sum)
                .block();
        // the listener hears of the scan's end before the subscriber does, so the metrics are there now
        System.out.println(matching + " matching rows; " + metrics.get().files() + " files, "
                + metrics.get().filesSkipped() + " skipped without reading their rows");
    }
}
