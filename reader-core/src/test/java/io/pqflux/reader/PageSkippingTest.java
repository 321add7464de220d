package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.RowRanges;
import io.pqflux.io.ChannelInputFile;
import io.pqflux.schema.ColumnDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a filtered read of a file parquet-java wrote with a column index and many small
 * pages returns exactly the oracle's rows, and its counters show that the pages holding no candidate rows were
 * not read. Page counts are derived from parquet-java's reading of the offset indexes.
 */
class PageSkippingTest {

    private static final int ROWS = 20_000;
    private static final int ROWS_PER_GROUP = 5_000;
    private static final long FIRST = 7_250, END = 7_350;

    @TempDir
    static Path directory;
    private static Path file;

    @BeforeAll
    static void write() {
        file = FilterTestFile.write(directory.resolve("pages.parquet"), ROWS, ROWS_PER_GROUP, WriterVersion.PARQUET_1_0, true, 5);
    }

    @Test
    void rangeOnTheSortedColumnReadsOnlyItsPages() throws IOException {
        Predicate predicate = Predicate.and(Predicate.gtEq("id", FIRST), Predicate.lt("id", END));
        ReadMetrics metrics;
        List<Long> ids = new ArrayList<>();
        List<Group> oracle = ParquetJavaOracle.read(file).rows();
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withFilter(predicate));
             RowCursor rows = reader.rows()) {
            CanonicalRows canonical = new CanonicalRows(reader.projectedColumns());
            while (rows.next()) {
                long id = rows.getLong("id");
                ids.add(id);
                Group expected = oracle.get((int) id);
                for (int f = 0; f < rows.size(); f++) {
                    assertThat(CanonicalRows.ours(rows, f)).as("row " + id + " field " + f)
                            .isEqualTo(canonical.oracle(expected, rows.field(f)));
                }
            }
            metrics = reader.metrics();
        }
        assertThat(ids).isEqualTo(java.util.stream.LongStream.range(FIRST, END).boxed().toList());

        // Rows that may match after the page index: the pages of id holding 7250..7349, within row group 1.
        long groupStart = ROWS_PER_GROUP;
        RowRanges candidates = pagesOverlapping(1, "id", RowRanges.range(FIRST - groupStart, END - groupStart));
        long expectedPagesRead = 0, pagesOfGroup1 = 0;
        for (String column : columnPaths()) {
            expectedPagesRead += pageCount(1, column, candidates);
            pagesOfGroup1 += pageCount(1, column, RowRanges.all(ROWS_PER_GROUP));
        }
        System.out.printf("done-when counters: %s%n", metrics);
        assertThat(metrics.rowGroups()).isEqualTo(4);
        assertThat(metrics.rowGroupsSkippedByStatistics()).isEqualTo(3);
        assertThat(metrics.pages()).isEqualTo(pagesOfGroup1);
        assertThat(metrics.pagesRead()).isEqualTo(expectedPagesRead);
        assertThat(metrics.pagesRead()).isLessThan(metrics.pages() / 10);
        assertThat(metrics.rowsScanned()).isEqualTo(candidates.rowCount());
        assertThat(metrics.rowsMatched()).isEqualTo(END - FIRST);
        assertThat(metrics.bytesRead()).isLessThan(metrics.bytesSkipped() / 10);
    }

    /** The batch holds the candidate rows, aligned across columns, with the matches selected. */
    @Test
    void batchCarriesCandidateRowsAndTheSelection() throws IOException {
        Predicate predicate = Predicate.and(Predicate.gtEq("id", FIRST), Predicate.lt("id", END));
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withFilter(predicate)
                .withColumns(List.of("id", "name")))) {
            try (RowGroupBatch skipped = reader.readRowGroup(0)) {
                assertThat(skipped.rowCount()).isZero();
                assertThat(skipped.selectedRowCount()).isZero();
            }
            try (RowGroupBatch batch = reader.readRowGroup(1)) {
                RowRanges candidates = pagesOverlapping(1, "id", RowRanges.range(FIRST - ROWS_PER_GROUP, END - ROWS_PER_GROUP));
                assertThat(batch.rows()).isEqualTo(candidates);
                // parquet-java keeps only this row group too, and the same rows of it after column index filtering
                assertThat(parquetJavaRowRanges(predicate)).containsExactly(batch.rows());
                assertThat(batch.columns()).allSatisfy(v -> assertThat((long) v.size()).isEqualTo(batch.rowCount()));
                assertThat(batch.hasSelection()).isTrue();
                var id = batch.columns().getFirst();
                for (int i = 0; i < batch.selectedRowCount(); i++) {
                    int row = batch.selectedRow(i);
                    assertThat(id.getLong(row)).isEqualTo(FIRST + i).isEqualTo(ROWS_PER_GROUP + batch.rowGroupRow(row));
                }
                assertThat(batch.selectedRowCount()).isEqualTo(END - FIRST);
            }
        }
    }

    /** Seeking by first row: earlier row groups are not touched and only the pages from that row on are read. */
    @Test
    void firstRowSeeksThroughTheOffsetIndex() throws IOException {
        long first = 17_777;
        try (ParquetReader reader = ParquetReader.open(ChannelInputFile.open(file), ReadOptions.defaults().withFirstRow(first))) {
            try (RowCursor rows = reader.rows()) {
                long expected = first;
                while (rows.next()) assertThat(rows.getLong("id")).isEqualTo(expected++);
                assertThat(expected).isEqualTo(ROWS);
            }
            ReadMetrics metrics = reader.metrics();
            assertThat(metrics.rowGroupsSkippedByRowRange()).isEqualTo(3);
            long local = first - 3 * ROWS_PER_GROUP;
            long expectedPages = 0;
            RowRanges rows = RowRanges.range(local, ROWS_PER_GROUP);
            for (String column : columnPaths()) expectedPages += pageCount(3, column, rows);
            assertThat(metrics.pagesRead()).isEqualTo(expectedPages);
            assertThat(metrics.rowsScanned()).isEqualTo(ROWS - first);
        }
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults());
             RowGroupBatch one = reader.readRowGroup(2, RowRanges.range(1234, 1235))) {
            assertThat(one.rowCount()).isEqualTo(1);
            assertThat(one.columns().getFirst().getLong(0)).isEqualTo(2 * ROWS_PER_GROUP + 1234);
            assertThat(reader.metrics().pagesRead()).isEqualTo(FilterTestFile.SCHEMA.getColumns().size());
        }
    }

    @Test
    void aRowsPagesNeedOneReadForAllOffsetIndexes() {
        io.pqflux.io.RecordingInputFile counting = io.pqflux.io.RecordingInputFile.of(file);
        try (ParquetReader reader = ParquetReader.open(counting, ReadOptions.defaults());
             RowGroupBatch one = reader.readRowGroup(1, RowRanges.range(99, 100))) {
            assertThat(one.rowCount()).isEqualTo(1);
            io.pqflux.format.meta.RowGroup group = reader.metaData().rowGroups().get(1);
            long indexStart = Long.MAX_VALUE, indexEnd = 0;
            for (io.pqflux.format.meta.ColumnChunk chunk : group.columns()) {
                indexStart = Math.min(indexStart, chunk.offsetIndexOffset());
                indexEnd = Math.max(indexEnd, chunk.offsetIndexOffset() + chunk.offsetIndexLength());
            }
            long start = indexStart, end = indexEnd;
            List<long[]> indexReads = counting.reads().stream().filter(r -> r[0] < end && r[1] > start).toList();
            assertThat(group.columns()).hasSizeGreaterThan(2);
            assertThat(indexReads).as("reads of the row group's offset indexes").hasSize(1);
            assertThat(indexReads.getFirst()).containsExactly(start, end);
        }
    }

    private static List<String> columnPaths() {
        try (ParquetReader reader = ParquetReader.open(file)) {
            return reader.projectedColumns().stream().map(ColumnDescriptor::dottedPath).toList();
        }
    }

    /** The rows of the pages of {@code column} in row group {@code group} that overlap {@code rows}, from parquet-java. */
    private static RowRanges pagesOverlapping(int group, String column, RowRanges rows) throws IOException {
        OffsetIndex index = offsetIndex(group, column);
        long groupRows = ROWS_PER_GROUP;
        RowRanges.Builder out = new RowRanges.Builder();
        for (int p = 0; p < index.getPageCount(); p++) {
            long start = index.getFirstRowIndex(p), end = index.getLastRowIndex(p, groupRows) + 1;
            if (rows.overlaps(start, end)) out.add(start, end);
        }
        return out.build();
    }

    private static long pageCount(int group, String column, RowRanges rows) throws IOException {
        OffsetIndex index = offsetIndex(group, column);
        long count = 0;
        for (int p = 0; p < index.getPageCount(); p++) {
            if (rows.overlaps(index.getFirstRowIndex(p), index.getLastRowIndex(p, ROWS_PER_GROUP) + 1)) count++;
        }
        return count;
    }

    private static OffsetIndex offsetIndex(int group, String column) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            BlockMetaData block = reader.getRowGroups().get(group);
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (chunk.getPath().toDotString().equals(column)) return reader.readOffsetIndex(chunk);
            }
        }
        throw new IllegalArgumentException(column);
    }

    /** Per row group parquet-java keeps after statistics filtering, the rows its column index filtering keeps. */
    private static List<RowRanges> parquetJavaRowRanges(Predicate predicate) throws IOException {
        try (ParquetReader reader = ParquetReader.open(file)) {
            List<RowRanges> out = new ArrayList<>();
            for (var ranges : ParquetJavaFilter.read(file, predicate, reader.schema()).rowRanges()) {
                RowRanges.Builder builder = new RowRanges.Builder();
                for (var range : ranges.getRanges()) builder.add(range.from, range.to + 1);
                out.add(builder.build());
            }
            return out;
        }
    }
}
