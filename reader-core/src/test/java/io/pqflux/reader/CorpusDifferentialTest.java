package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file, read by pqflux, must do what the manifest says: equal parquet-java value for value,
 * or fail with the named typed error.
 */
class CorpusDifferentialTest {

    private static final Manifest MANIFEST = Manifest.load();

    static Stream<Manifest.Entry> entries() {
        return MANIFEST.entries().stream();
    }

    @Test
    void manifestListsEveryCorpusFileExactlyOnce() {
        List<String> listed = MANIFEST.entries().stream().map(Manifest.Entry::path).toList();
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(Corpus.parquetTestingFiles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void readsAsTheManifestSays(Manifest.Entry entry) throws Exception {
        Path path = Corpus.file(entry.path());
        assertThat(sha256(path)).as("sha256 of " + entry.path()).isEqualTo(entry.sha256());
        switch (entry.outcome()) {
            case IDENTICAL -> assertIdenticalToParquetJava(path);
            case ERROR -> assertThatThrownBy(() -> readEveryValue(path))
                    .as(entry.path())
                    .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(entry.errorType()))
                    .hasMessageContaining(entry.errorFragment())
                    .hasMessageContaining(path.toString());
        }
    }

    /** Reads every field of every row through the row API's logical conversions. */
    static long readEveryValue(Path path) {
        long values = 0;
        try (ParquetReader reader = ParquetReader.open(path); RowCursor rows = reader.rows()) {
            while (rows.next()) {
                for (int f = 0; f < rows.columns().size(); f++) {
                    rows.getObject(f);
                    values++;
                }
            }
        }
        return values;
    }

    static void assertIdenticalToParquetJava(Path path) throws IOException {
        ParquetJavaOracle.Result oracle = ParquetJavaOracle.read(path);
        long compared = 0;
        try (ParquetReader reader = ParquetReader.open(path); RowCursor rows = reader.rows()) {
            int fields = rows.columns().size();
            assertThat(fields).isEqualTo(oracle.schema().getFieldCount());
            int row = 0;
            while (rows.next()) {
                assertThat(row).as("pqflux returns more rows than parquet-java").isLessThan(oracle.rows().size());
                Group expected = oracle.rows().get(row);
                for (int f = 0; f < fields; f++) {
                    String where = path.getFileName() + " row " + row + " field " + rows.columns().get(f).dottedPath();
                    boolean oracleNull = expected.getFieldRepetitionCount(f) == 0;
                    assertThat(rows.isNull(f)).as(where + " is null").isEqualTo(oracleNull);
                    if (!oracleNull) assertSameValue(where, expected, f, rows);
                    rows.getObject(f);
                    compared++;
                }
                row++;
            }
            assertThat(row).as("row count of " + path.getFileName()).isEqualTo(oracle.rows().size());
        }
        assertThat(compared).isEqualTo((long) oracle.rows().size() * oracle.schema().getFieldCount());
    }

    static void assertSameValue(String where, Group expected, int f, RowCursor rows) {
        PrimitiveType type = expected.getType().getType(f).asPrimitiveType();
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> assertThat(rows.getBoolean(f)).as(where).isEqualTo(expected.getBoolean(f, 0));
            case INT32 -> assertThat(rows.getInt(f)).as(where).isEqualTo(expected.getInteger(f, 0));
            case INT64 -> assertThat(rows.getLong(f)).as(where).isEqualTo(expected.getLong(f, 0));
            // bit patterns, so NaN payloads and signed zeros count too
            case FLOAT -> assertThat(Float.floatToRawIntBits(rows.getFloat(f))).as(where)
                    .isEqualTo(Float.floatToRawIntBits(expected.getFloat(f, 0)));
            case DOUBLE -> assertThat(Double.doubleToRawLongBits(rows.getDouble(f))).as(where)
                    .isEqualTo(Double.doubleToRawLongBits(expected.getDouble(f, 0)));
            case INT96 -> assertThat(rows.getBinary(f)).as(where).isEqualTo(expected.getInt96(f, 0).getBytes());
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                byte[] ours = rows.getBinary(f);
                byte[] theirs = expected.getBinary(f, 0).getBytes();
                assertThat(Arrays.equals(ours, theirs)).as(where + ": " + HexFormat.of().formatHex(ours) + " vs "
                        + HexFormat.of().formatHex(theirs)).isTrue();
            }
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
