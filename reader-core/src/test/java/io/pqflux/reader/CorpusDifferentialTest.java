package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.DictionaryForm;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file, read by pqflux, must do what the manifest says: equal parquet-java value for value,
 * equal its expectations file where it has one (or where parquet-java cannot read it), or fail with the
 * named typed error — in each {@link #FORMS dictionary form}: the default, where dictionary-encoded byte
 * arrays stay ids + dictionary, and {@link DictionaryForm#MATERIALIZED}, where every value is decoded to its
 * own bytes (a separate decoder path: gathers into dense values and offsets).
 */
public class CorpusDifferentialTest {

    private static final Manifest MANIFEST = Manifest.load();

    /** The dictionary forms every file is read in: the default one first, then every value materialised. */
    public static final List<DictionaryForm> FORMS =
            Stream.of(ReadOptions.defaults().dictionaryForm(), DictionaryForm.MATERIALIZED).distinct().toList();

    static Stream<Arguments> entries() {
        return MANIFEST.entries().stream().flatMap(entry -> FORMS.stream().map(form -> Arguments.of(entry, form)));
    }

    @Test
    void manifestListsEveryCorpusFileExactlyOnce() {
        List<String> listed = MANIFEST.entries().stream().map(Manifest.Entry::path).toList();
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(Corpus.parquetTestingFiles());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("entries")
    void readsAsTheManifestSays(Manifest.Entry entry, DictionaryForm form) throws Exception {
        Path path = Corpus.file(entry.path());
        assertThat(sha256(path)).as("sha256 of " + entry.path()).isEqualTo(entry.sha256());
        ReadOptions options = ReadOptions.defaults().withDictionaryForm(form);
        switch (entry.outcome()) {
            case IDENTICAL -> {
                assertIdenticalToParquetJava(path, options);
                if (entry.expectations() != null) ExpectedValues.assertMatches(path, entry.expectationsFile(), options);
            }
            case EXPECTED -> ExpectedValues.assertMatches(path, entry.expectationsFile(), options);
            case ERROR -> assertThatThrownBy(() -> readEveryValue(path, options))
                    .as(entry.path())
                    .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(entry.errorType()))
                    .hasMessageContaining(entry.errorFragment())
                    .hasMessageContaining(path.toString());
        }
    }

    /** Reads every value of every row, nested ones included, through the row API's logical conversions. */
    static long readEveryValue(Path path) {
        return readEveryValue(path, ReadOptions.defaults());
    }

    static long readEveryValue(Path path, ReadOptions options) {
        long values = 0;
        try (ParquetReader reader = ParquetReader.open(path, options); RowCursor rows = reader.rows()) {
            while (rows.next()) values += CanonicalRows.touchAll(rows);
        }
        return values;
    }

    public static void assertIdenticalToParquetJava(Path path) throws IOException {
        assertIdenticalToParquetJava(path, 0);
    }

    /**
     * The rows from {@code firstRow} on (read with {@link ReadOptions#withFirstRow}, so through the page index
     * where the file has one) equal parquet-java's rows from there: every value by its physical getter, and
     * again through {@code getObject} (rows and nested views) against parquet-java's logical reading of it
     * ({@link LogicalOracle}).
     */
    public static void assertIdenticalToParquetJava(Path path, long firstRow) throws IOException {
        assertIdenticalToParquetJava(path, ReadOptions.defaults().withFirstRow(firstRow));
    }

    /** As {@link #assertIdenticalToParquetJava(Path, long)}, reading with {@code options} (row range included). */
    public static void assertIdenticalToParquetJava(Path path, ReadOptions options) throws IOException {
        assertIdenticalTo(ParquetJavaOracle.read(path), path, options);
    }

    /** As {@link #assertIdenticalToParquetJava(Path, ReadOptions)}, against parquet-java's reading {@code oracle} of the file. */
    static void assertIdenticalTo(ParquetJavaOracle.Result oracle, Path path, ReadOptions options) {
        long firstRow = options.firstRow();
        int endRow = (int) Math.min(options.endRow(), oracle.rows().size());
        long compared = 0;
        try (ParquetReader reader = ParquetReader.open(path, options);
             RowCursor rows = reader.rows()) {
            CanonicalRows canonical = new CanonicalRows(reader.projectedColumns());
            CanonicalRows logical = CanonicalRows.logical(reader.projectedColumns(), oracle.schema());
            int fields = rows.size();
            assertThat(fields).isEqualTo(oracle.schema().getFieldCount());
            int row = Math.toIntExact(Math.min(firstRow, oracle.rows().size()));
            while (rows.next()) {
                assertThat(row).as("pqflux returns more rows than parquet-java or the range").isLessThan(endRow);
                Group expected = oracle.rows().get(row);
                for (int f = 0; f < fields; f++) {
                    String where = path.getFileName() + " row " + row + " field " + rows.field(f).name();
                    assertThat(CanonicalRows.ours(rows, f)).as(where).isEqualTo(canonical.oracle(expected, rows.field(f)));
                    assertThat(logical.oursLogical(rows, f)).as(where + ", logical values via getObject")
                            .isEqualTo(logical.oracle(expected, rows.field(f)));
                    compared++;
                }
                row++;
            }
            assertThat(row).as("row count of " + path.getFileName()).isEqualTo(Math.max(endRow, Math.min(firstRow, oracle.rows().size())));
        }
        long expectedRows = Math.max(0, endRow - firstRow);
        assertThat(compared).isEqualTo(expectedRows * oracle.schema().getFieldCount());
    }

    /**
     * A filtered read returns exactly parquet-java's rows that {@code oracleMatches} accepts, in order and
     * value for value.
     */
    public static void assertFilteredIdentical(Path path, io.pqflux.filter.Predicate filter,
                                               java.util.function.Predicate<Group> oracleMatches) throws IOException {
        assertFilteredIdentical(path, ReadOptions.defaults(), filter, oracleMatches);
    }

    /** As {@link #assertFilteredIdentical(Path, io.pqflux.filter.Predicate, java.util.function.Predicate)}, reading with {@code options} plus the filter. */
    public static void assertFilteredIdentical(Path path, ReadOptions options, io.pqflux.filter.Predicate filter,
                                               java.util.function.Predicate<Group> oracleMatches) throws IOException {
        assertFilteredIdentical(ParquetJavaOracle.read(path), path, options, filter, oracleMatches);
    }

    /** As {@link #assertFilteredIdentical(Path, ReadOptions, io.pqflux.filter.Predicate, java.util.function.Predicate)}, against parquet-java's reading {@code oracle}. */
    static void assertFilteredIdentical(ParquetJavaOracle.Result oracle, Path path, ReadOptions options,
                                        io.pqflux.filter.Predicate filter, java.util.function.Predicate<Group> oracleMatches) {
        List<Group> expected = oracle.rows().stream().filter(oracleMatches).toList();
        try (ParquetReader reader = ParquetReader.open(path, options.withFilter(filter));
             RowCursor rows = reader.rows()) {
            CanonicalRows canonical = new CanonicalRows(reader.projectedColumns());
            int row = 0;
            while (rows.next()) {
                assertThat(row).as(filter + ": pqflux returns more rows than parquet-java").isLessThan(expected.size());
                for (int f = 0; f < rows.size(); f++) {
                    assertThat(CanonicalRows.ours(rows, f)).as(filter + ": match " + row + " field " + rows.field(f).name())
                            .isEqualTo(canonical.oracle(expected.get(row), rows.field(f)));
                }
                row++;
            }
            assertThat(row).as(filter + ": matching rows").isEqualTo(expected.size());
        }
    }

    static String sha256(Path path) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(path)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
