package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.error.ParquetException;
import io.pqflux.filter.Predicate;
import io.pqflux.io.BytesInputFile;
import io.pqflux.testdata.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filtered and seeking reads of mutated files whose page indexes, bloom filters and dictionaries the reader
 * trusts for pruning: every read ends normally or with a {@link ParquetException} naming the file. Besides
 * truncations, mutations land mostly in the region between the column data and the footer, where the indexes
 * and filters are.
 */
class HostileFilteredReadTest {

    private static final int VARIANTS = 80;

    @TempDir
    static Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generated", "data/alltypes_tiny_pages.parquet", "data/int32_with_null_pages.parquet",
            "data/fixed_length_byte_array.parquet", "data/data_index_bloom_encoding_stats.parquet",
            "data/data_index_bloom_encoding_with_length.parquet", "data/binary_truncated_min_max.parquet",
            "data/sort_columns.parquet", "data/floating_orders_nan_count.parquet"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedIndexesFailCleanly(String file) throws Exception {
        Path path = file.equals("generated")
                ? FilterTestFile.write(directory.resolve("hostile.parquet"), 3_000, 1_000, WriterVersion.PARQUET_1_0, true, 8)
                : Corpus.file(file);
        byte[] original = Files.readAllBytes(path);
        List<Predicate> predicates = predicates(path);
        long indexStart = indexRegionStart(path);
        SplittableRandom random = new SplittableRandom(file.hashCode());
        int typedErrors = 0;
        for (int v = 0; v < VARIANTS; v++) {
            byte[] mutated = v % 4 == 0 ? Arrays.copyOf(original, (int) random.nextLong(indexStart, original.length))
                    : original.clone();
            long from = v % 4 == 1 ? 0 : indexStart;
            for (int i = 0, n = v % 4 == 0 ? 0 : 1 + random.nextInt(4); i < n; i++) {
                int at = (int) (from + random.nextLong(original.length - from));
                mutated[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (mutated[at] ^ 1 << random.nextInt(8));
            }
            String name = file + " variant " + v;
            Predicate predicate = predicates.get(v % predicates.size());
            try {
                readAll(new BytesInputFile(name, mutated), ReadOptions.defaults().withFilter(predicate).withFirstRow(v % 3 * 7));
            } catch (ParquetException e) {
                typedErrors++;
                assertThat(e.getMessage()).as("error names the file").contains(name);
            }
        }
        assertThat(typedErrors).as("truncations must be caught").isPositive();
    }

    /** Predicates on the first and last columns that exercise every pruning level. */
    private static List<Predicate> predicates(Path path) {
        List<Predicate> out = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(path); RowCursor rows = reader.rows()) {
            int last = CanonicalRows.flatColumns(rows).size() - 1;
            String first = CanonicalRows.flatColumns(rows).getFirst().dottedPath(), lastName = CanonicalRows.flatColumns(rows).get(last).dottedPath();
            for (int r = 0; rows.next() && out.size() < 6; r++) {
                if (r % 97 != 0) continue;
                if (!rows.isNull(0)) out.add(Predicate.eq(first, rows.getObject(0)));
                if (!rows.isNull(last)) out.add(Predicate.or(Predicate.in(lastName, rows.getObject(last)), Predicate.isNull(first)));
            }
            out.add(Predicate.not(Predicate.isNull(first)));
        }
        return out;
    }

    /** Where the first page index or bloom filter starts (they follow the column data). */
    private static long indexRegionStart(Path path) {
        try (ParquetReader reader = ParquetReader.open(path)) {
            long start = reader.footer().offset();
            for (var group : reader.metaData().rowGroups()) {
                for (var chunk : group.columns()) {
                    if (chunk.columnIndexOffset() != null) start = Math.min(start, chunk.columnIndexOffset());
                    if (chunk.offsetIndexOffset() != null) start = Math.min(start, chunk.offsetIndexOffset());
                    Long bloom = chunk.metaData().bloomFilterOffset();
                    if (bloom != null) start = Math.min(start, bloom);
                }
            }
            return start;
        }
    }

    private static void readAll(BytesInputFile input, ReadOptions options) {
        ParquetReader opened;
        try {
            opened = ParquetReader.open(input, options);
        } catch (IllegalArgumentException e) {
            // a mutated footer can change a column's type so that the predicate no longer fits it
            assertThat(e.getMessage()).contains("column");
            return;
        }
        try (ParquetReader reader = opened; RowCursor rows = reader.rows()) {
            while (rows.next()) {
                for (int f = 0; f < CanonicalRows.flatColumns(rows).size(); f++) rows.getObject(f);
            }
        }
    }
}
