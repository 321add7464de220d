package io.pqflux.flink.internal.parquet;

import io.pqflux.filter.FileStatistics;
import io.pqflux.filter.Predicate;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitPlanner;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.reactive.dataset.DatasetFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.storage.ObjectStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One split per row group of each data file below the root, planned from the footers: files whose partition values
 * or index entry rule the filter out, and row groups whose statistics do, are not planned at all (the reader prunes
 * pages and rows further).
 */
public record ParquetPlanner(StoreLocation root, ParquetScan scan) implements SplitPlanner<ParquetSplit> {

    @Override
    public void plan(Set<String> known, Consumer<List<ParquetSplit>> found) throws Exception {
        try (ObjectStore store = root.open()) {
            // a continuous source lists again: files with a planned split are not read again (a file whose every row
            // group the filter ruled out is, at each listing)
            Set<String> plannedFiles = new HashSet<>();
            for (String id : known) plannedFiles.add(id.substring(0, id.lastIndexOf('#')));
            List<DatasetFile> files = scan.dataset(store).files(scan.filter()).filter(file -> !plannedFiles.contains(file.path()))
                    .collectList().block();
            SplitPlanner.inParallel(files, SplitPlanner.concurrency(root), file -> plan(store, file), found);
        }
    }

    private List<ParquetSplit> plan(ObjectStore store, DatasetFile file) {
        List<ParquetSplit> splits = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(store.openInputFile(file.path(), 0), scan.readOptions())) {
            plan(file, reader, splits);
        }
        return splits;
    }

    private void plan(DatasetFile file, ParquetReader reader, List<ParquetSplit> splits) {
        FileMetaData meta = reader.metaData();
        Predicate filter = scan.filter();
        // a partition column's leaves find no statistics in the footer: they stay undecided here (the listing decided them)
        Map<String, FileStatistics.ColumnStatistics> statistics = filter == null ? Map.of()
                : FileStatistics.ofFooter(meta, reader.schema(),
                        FileStatistics.leaves(filter, new ArrayList<>()).stream().map(FileStatistics::column).distinct().toList());
        long firstRow = 0;
        List<RowGroup> rowGroups = meta.rowGroups();
        for (int g = 0; g < rowGroups.size(); g++) {
            RowGroup rowGroup = rowGroups.get(g);
            long end = firstRow + rowGroup.numRows();
            if (rowGroup.numRows() > 0 && (filter == null || FileStatistics.mayMatch(filter, 1, rowGroupOnly(statistics, g)))) {
                long bytes = rowGroup.totalCompressedSize() != null ? rowGroup.totalCompressedSize() : rowGroup.totalByteSize();
                splits.add(new ParquetSplit(file, g, firstRow, end, 0, bytes));
            }
            firstRow = end;
        }
    }

    /** The statistics of row group {@code g} alone, as a one-row-group file's. */
    private static Map<String, FileStatistics.ColumnStatistics> rowGroupOnly(Map<String, FileStatistics.ColumnStatistics> file, int g) {
        Map<String, FileStatistics.ColumnStatistics> one = new LinkedHashMap<>();
        file.forEach((column, s) -> one.put(column, new FileStatistics.ColumnStatistics(s.column(), s.order(),
                Collections.singletonList(s.rowGroups().get(g)), List.of(s.valueCounts().get(g)), null)));
        return one;
    }
}
