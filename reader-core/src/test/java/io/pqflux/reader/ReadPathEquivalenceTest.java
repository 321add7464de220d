package io.pqflux.reader;

import io.pqflux.column.DictionaryForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.ColumnVector;
import io.pqflux.io.ChannelInputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every read path must produce the same entries as the default one (a memory-mapped file, dictionary-encoded
 * byte arrays kept as ids + dictionary, fixed-width values materialised; see {@link DictionaryForm}):
 * positional reads, every chunk kept as ids + dictionary ({@link DictionaryForm#KEPT}), every value
 * materialised ({@link DictionaryForm#MATERIALIZED}), and projections. The default and the materialised forms
 * are also checked against parquet-java directly ({@link CorpusDifferentialTest}).
 */
class ReadPathEquivalenceTest {

    private static final AtomicInteger DICTIONARY_VECTORS = new AtomicInteger();

    static Stream<String> readableFiles() {
        return Manifest.load().readableFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    void everyReadPathGivesTheSameEntries(String file) {
        Path path = Corpus.file(file);
        List<String> expected = entries(ParquetReader.open(path));
        assertThat(entries(ParquetReader.open(ChannelInputFile.open(path), ReadOptions.defaults()))).isEqualTo(expected);
        assertThat(entries(ParquetReader.open(MappedInputFile.open(path), ReadOptions.defaults().withDictionaryForm(DictionaryForm.KEPT))))
                .isEqualTo(expected);
        int keptBefore = DICTIONARY_VECTORS.get();
        assertThat(entries(ParquetReader.open(path, ReadOptions.defaults().withDictionaryForm(DictionaryForm.MATERIALIZED))))
                .isEqualTo(expected);
        assertThat(DICTIONARY_VECTORS.get()).as("dictionary-encoded vectors read materialised").isEqualTo(keptBefore);
    }

    /** Each top-level field read alone (its leaves projected) equals that field in a read of everything. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    void projectingOneFieldGivesThatFieldsValues(String file) {
        Path path = Corpus.file(file);
        List<List<Object>> full = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(path); RowCursor rows = reader.rows()) {
            rows.fields().forEach(f -> names.add(f.name()));
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int f = 0; f < rows.size(); f++) row.add(CanonicalRows.ours(rows, f));
                full.add(row);
            }
        }
        for (int f = 0; f < names.size(); f++) {
            ReadOptions options = ReadOptions.defaults().withColumns(List.of(names.get(f)));
            try (ParquetReader reader = ParquetReader.open(path, options); RowCursor rows = reader.rows()) {
                assertThat(rows.fields()).singleElement().satisfies(field -> assertThat(field.name()).isIn(names));
                int row = 0;
                while (rows.next()) {
                    assertThat(CanonicalRows.ours(rows, 0)).as(file + " row " + row + " " + names.get(f))
                            .isEqualTo(full.get(row).get(f));
                    row++;
                }
                assertThat(row).isEqualTo(full.size());
            }
        }
    }

    /** Guards against the dictionary-ids path silently never being taken. */
    @AfterAll
    static void dictionaryFormWasExercised() {
        assertThat(DICTIONARY_VECTORS.get()).isGreaterThan(20);
    }

    @Test
    void gettersOutsideARowAreIllegalState() {
        try (ParquetReader reader = ParquetReader.open(Corpus.file("data/alltypes_plain.parquet")); RowCursor rows = reader.rows()) {
            assertThatThrownBy(() -> rows.getInt("id")).isInstanceOf(IllegalStateException.class).hasMessageContaining("call next() first");
            assertThatThrownBy(() -> rows.isNull(0)).isInstanceOf(IllegalStateException.class);
            while (rows.next()) rows.getInt("id");
            assertThatThrownBy(() -> rows.getObject(0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void projectionKeepsTheCallersOrderAndSelectsOnlyTheNamedColumns() {
        Path path = Corpus.file("data/alltypes_plain.parquet");
        ReadOptions options = ReadOptions.defaults().withColumns(List.of("string_col", "id", "bool_col", "id"));
        try (ParquetReader reader = ParquetReader.open(path, options)) {
            assertThat(reader.projectedColumns()).extracting(ColumnDescriptor::dottedPath)
                    .containsExactly("string_col", "id", "bool_col");
            try (RowGroupBatch batch = reader.readRowGroup(0)) {
                assertThat(batch.columns()).extracting(v -> v.column().dottedPath())
                        .containsExactly("string_col", "id", "bool_col");
            }
            try (RowCursor rows = reader.rows()) {
                assertThat(rows.fields()).extracting(f -> f.name()).containsExactly("string_col", "id", "bool_col");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(0)).isEqualTo("0");
                assertThat(rows.getInt(1)).isEqualTo(4);
                assertThat(rows.getBoolean(2)).isTrue();
                assertThat(rows.getInt("id")).isEqualTo(4);
            }
        }
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults().withColumns(List.of("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'nope'")
                .hasMessageContaining("bool_col");
    }

    /** One string per entry: row group, level values and the value bytes, independent of the storage form. */
    static List<String> entries(ParquetReader opened) {
        List<String> out = new ArrayList<>();
        try (ParquetReader reader = opened) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    for (ColumnVector v : batch.columns()) {
                        if (v.isDictionaryEncoded()) DICTIONARY_VECTORS.incrementAndGet();
                        int value = 0;
                        for (int i = 0; i < v.size(); i++) {
                            String levels = g + ":" + v.column().index() + ":" + v.definitionLevel(i) + "/" + v.repetitionLevel(i);
                            out.add(v.isNull(i) ? levels : levels + "=" + render(v, value++));
                        }
                        assertThat(value).isEqualTo(v.valueCount());
                    }
                }
            }
        }
        return out;
    }

    static String render(ColumnVector v, int value) {
        return switch (v.column().physicalType()) {
            case BOOLEAN -> Boolean.toString(v.getBoolean(value));
            case INT32 -> Integer.toString(v.getInt(value));
            case INT64 -> Long.toString(v.getLong(value));
            case FLOAT -> Integer.toHexString(Float.floatToRawIntBits(v.getFloat(value)));
            case DOUBLE -> Long.toHexString(Double.doubleToRawLongBits(v.getDouble(value)));
            case INT96, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> HexFormat.of().formatHex(v.getByteArray(value));
        };
    }
}
