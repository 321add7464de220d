package io.pqflux.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.DictionaryForm;
import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PageEncodingStats;
import io.pqflux.format.meta.PageType;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.nested.NestedField;
import io.pqflux.reader.CorpusDifferentialTest;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testdata.random.GeneratedFile;
import io.pqflux.testdata.random.RandomParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property test: files parquet-java writes with random schemas, values and writer settings read back as
 * parquet-java reads them: at leaf level (levels and values of each column chunk against parquet-java's
 * column readers) and at record level (every row through the row API against parquet-java's records).
 * Each seed is read in every dictionary form of {@link CorpusDifferentialTest#FORMS} (the default, byte arrays
 * kept as ids + dictionary, and every value materialised). Seeds come from {@link PropertyCampaign}; every
 * failure names the seed, its replay flags and the schema.
 */
class RandomFilePropertyTest {

    /** With the clock-derived seed, 40 files: a few seconds on 2 cores. */
    private static final int FIXED_SEEDS = 39;

    @RegisterExtension
    static final Tally TALLY = new Tally("random files vs parquet-java");

    @RegisterExtension
    static final Tally COVERAGE = new Tally("what the random files held");

    @TempDir
    static Path directory;

    /** Vectors read in the default form that kept dictionary ids (so the default form is not just materialised). */
    private static final LongAdder KEPT_VECTORS = new LongAdder();
    private static final LongAdder DEFAULT_FORM_FILES = new LongAdder();

    /** With the CI seeds, the default form must have kept some chunks as ids + dictionary, else both runs were one path. */
    @AfterAll
    static void bothFormsWereExercised() {
        if (DEFAULT_FORM_FILES.sum() >= FIXED_SEEDS) {
            assertThat(KEPT_VECTORS.sum()).as("vectors kept as dictionary ids in the default form").isGreaterThan(10);
        }
    }

    static Stream<Arguments> seeds() {
        return PropertyCampaign.seeds("random files vs parquet-java", FIXED_SEEDS)
                .flatMap(seed -> CorpusDifferentialTest.FORMS.stream().map(form -> Arguments.of(seed, form)));
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seeds")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readsLikeParquetJava(long seed, DictionaryForm form) throws Exception {
        GeneratedFile file = RandomParquetFiles.write(seed, PropertyCampaign.maxDepth(), directory);
        ReadOptions options = ReadOptions.defaults().withDictionaryForm(form);
        try {
            if (form == ReadOptions.defaults().dictionaryForm()) {
                try (ParquetReader reader = ParquetReader.open(file.path())) {
                    recordCoverage(reader);
                }
            }
            compareLeaves(file, form);
            CorpusDifferentialTest.assertIdenticalToParquetJava(file.path(), options);
            // A start row inside the file: pages before it are skipped through the offset index and every
            // column, nested ones included, is cut to the same rows.
            CorpusDifferentialTest.assertIdenticalToParquetJava(file.path(), options.withFirstRow(file.records().size() * 2L / 3));
            // A row range in the middle (what a split of a file covers): both ends cut through pages and row groups.
            long rows = file.records().size();
            CorpusDifferentialTest.assertIdenticalToParquetJava(file.path(), options.withRows(rows / 4, rows * 3 / 4));
            compareNullFilters(file.path(), options);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("differs from parquet-java (" + form + "); replay with " + PropertyCampaign.replay(seed) + "\n"
                    + file.describe(), e);
        } finally {
            Files.delete(file.path());
        }
        TALLY.add("files compared leaf by leaf and row by row, " + form, 1);
        if (form == ReadOptions.defaults().dictionaryForm()) DEFAULT_FORM_FILES.increment();
        TALLY.add("rows compared", file.records().size());
        TALLY.add("rows compared again from two thirds in", file.records().size() - file.records().size() * 2L / 3);
        if (form == ReadOptions.defaults().dictionaryForm()) TALLY.add("files with a flat schema", file.depth() == 0 ? 1 : 0);
    }

    /**
     * isNull / isNotNull on the first optional top-level primitive: pruned by null counts and null pages, the
     * rest filtered exactly, every other column (nested ones included) cut to the matching rows.
     */
    private static void compareNullFilters(Path path, ReadOptions options) throws Exception {
        String column;
        try (ParquetReader reader = ParquetReader.open(path)) {
            column = reader.nestedSchema().fields().stream()
                    .filter(f -> f instanceof NestedField.Primitive && f.isNullable())
                    .map(NestedField::name).findFirst().orElse(null);
        }
        if (column == null) return;
        CorpusDifferentialTest.assertFilteredIdentical(path, options, Predicate.isNull(column), g -> g.getFieldRepetitionCount(column) == 0);
        CorpusDifferentialTest.assertFilteredIdentical(path, options, Predicate.isNotNull(column), g -> g.getFieldRepetitionCount(column) > 0);
        TALLY.add("files also read with isNull and isNotNull filters", 1);
    }

    /** From the footer: which codecs, page kinds, encodings and types the files exercised. */
    private static void recordCoverage(ParquetReader reader) {
        COVERAGE.add("row groups", reader.rowGroupCount());
        for (ColumnDescriptor column : reader.schema().columns()) {
            LogicalType logical = column.logicalType();
            String label = logical == null ? "" : " " + (logical instanceof LogicalType.DecimalType ? "DecimalType" : logical);
            String converted = column.convertedType() == null ? "" : " (" + column.convertedType() + ")";
            COVERAGE.add("leaf type " + column.physicalType() + label + converted, 1);
            COVERAGE.add("leaves with max repetition level " + column.maxRepetitionLevel(), 1);
        }
        for (RowGroup rowGroup : reader.metaData().rowGroups()) {
            for (ColumnChunk chunk : rowGroup.columns()) {
                ColumnMetaData meta = chunk.metaData();
                COVERAGE.add("chunks with codec " + meta.codec(), 1);
                int dataPages = 0;
                boolean dictionaryData = false;
                boolean otherData = false;
                for (PageEncodingStats stats : meta.encodingStats()) {
                    COVERAGE.add("pages " + stats.pageType() + " " + stats.encoding(), stats.count());
                    if (stats.pageType() == PageType.DICTIONARY_PAGE) continue;
                    dataPages += stats.count();
                    boolean dictionary = stats.encoding() == Encoding.PLAIN_DICTIONARY || stats.encoding() == Encoding.RLE_DICTIONARY;
                    dictionaryData |= dictionary;
                    otherData |= !dictionary;
                }
                COVERAGE.add("chunks with more than one data page", dataPages > 1 ? 1 : 0);
                COVERAGE.add("chunks falling back from dictionary mid-chunk", dictionaryData && otherData ? 1 : 0);
            }
        }
    }

    /**
     * Every leaf of every row group, CRCs verified where the writer stored them. Materialised vectors must hold
     * no dictionary ids; the default form's dictionary-encoded vectors are counted, so a run that never kept
     * one fails at the end (see {@link #bothFormsWereExercised}).
     */
    private static void compareLeaves(GeneratedFile file, DictionaryForm form) throws Exception {
        List<List<LeafColumn>> expected = ParquetJavaLeaves.read(file.path());
        ReadOptions options = ReadOptions.defaults().withVerifyCrc(true).withDictionaryForm(form);
        List<List<LeafColumn>> actual = PqfluxLeaves.read(ParquetReader.open(file.path(), options), vector -> {
            if (form == DictionaryForm.MATERIALIZED) {
                assertThat(vector.isDictionaryEncoded()).as(vector.column().dottedPath() + " read materialised").isFalse();
            } else if (vector.isDictionaryEncoded()) {
                KEPT_VECTORS.increment();
            }
        });
        assertThat(actual).as("row groups").hasSameSizeAs(expected);
        for (int g = 0; g < expected.size(); g++) {
            assertThat(actual.get(g)).as("columns of row group " + g).hasSameSizeAs(expected.get(g));
            for (int c = 0; c < expected.get(g).size(); c++) {
                LeafColumn want = expected.get(g).get(c);
                LeafColumn.assertSame(want, actual.get(g).get(c), file.path().getFileName() + " row group " + g);
                TALLY.add("column chunks compared", 1);
                TALLY.add("leaf entries compared (levels)", want.definitionLevels().length);
                TALLY.add("leaf values compared", want.values().size());
            }
        }
    }
}
