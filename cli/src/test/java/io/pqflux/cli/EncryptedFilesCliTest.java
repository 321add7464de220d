package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.ColumnDecryptionProperties;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --keys} and {@code --aad-prefix} on {@code cat}, {@code scan} and {@code inspect}: the corpus's encrypted files
 * print parquet-java's decrypted values; missing and malformed keys are one-line errors with the documented exit codes.
 */
class EncryptedFilesCliTest {

    private static final String ENCRYPTED_FOOTER = "data/encrypt_columns_and_footer.parquet.encrypted";
    private static final String WITHOUT_STORED_AAD = "data/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted";
    private static final String PLAINTEXT_FOOTER = "data/encrypt_columns_plaintext_footer.parquet.encrypted";
    /** parquet-testing's keys (its data/README.md), as text, and one as hex. */
    private static final String KEYS = """
            # parquet-testing's AES-128 keys
            footer=0123456789012345
            column.double_field=1234567890123450
            column.float_field=hex:31323334353637383930313233343531
            """;

    @TempDir
    Path temp;

    @Tag(CliRun.PACKAGED)
    @ParameterizedTest
    @ValueSource(strings = {ENCRYPTED_FOOTER, PLAINTEXT_FOOTER, "data/encrypt_columns_and_footer_ctr.parquet.encrypted",
            "data/uniform_encryption.parquet.encrypted"})
    void catPrintsTheDecryptedValues(String file) throws IOException {
        CliRun result = run("cat", corpus(file), "--keys", keys().toString(), "--columns", "float_field,double_field");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertDecryptedValues(file, result.lines(), null);
    }

    @Test
    void anAadPrefixTheFileDoesNotStoreIsGivenOnTheCommandLine() throws IOException {
        CliRun result = run("cat", corpus(WITHOUT_STORED_AAD), "--keys", keys().toString(), "--aad-prefix", "tester",
                "--columns", "float_field,double_field");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertDecryptedValues(WITHOUT_STORED_AAD, result.lines(), "tester");
        CliRun without = run("cat", corpus(WITHOUT_STORED_AAD), "--keys", keys().toString());
        assertOneLineError(without, 1, "the file was encrypted with an AAD prefix it does not store");
    }

    @Test
    void catWithAFilterReadsTheEncryptedSchemaAndStatistics() throws IOException {
        CliRun result = run("cat", corpus(ENCRYPTED_FOOTER), "--keys", keys().toString(), "--where", "double_field < 3.5",
                "--columns", "double_field");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Double> expected = parquetJava(Corpus.file(ENCRYPTED_FOOTER), null).stream().map(row -> row.getDouble("double_field", 0))
                .filter(d -> d < 3.5).toList();
        assertThat(expected).isNotEmpty();
        assertThat(result.lines().stream().map(l -> ((Number) StrictJson.parseObject(l).get("double_field")).doubleValue()).toList())
                .isEqualTo(expected);
    }

    @Test
    void scanReadsADirectoryOfEncryptedFiles() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("table"));
        Files.copy(Corpus.file(ENCRYPTED_FOOTER), dir.resolve("part-0.parquet"));
        Files.copy(Corpus.file(PLAINTEXT_FOOTER), dir.resolve("part-1.parquet"));
        CliRun result = run("scan", dir.toString(), "--keys", keys().toString(), "--columns", "float_field,double_field");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.lines();
        int half = lines.size() / 2;
        assertDecryptedValues(ENCRYPTED_FOOTER, lines.subList(0, half), null);
        assertDecryptedValues(PLAINTEXT_FOOTER, lines.subList(half, lines.size()), null);
        assertOneLineError(run("scan", dir.toString()), 1, "the footer is encrypted and no footer key is given");
    }

    @Test
    void inspectShowsDecryptedPagesIndexesAndBloomFilters() throws IOException {
        CliRun result = run("inspect", corpus("data/encrypt_columns_and_footer_bloom_filter.parquet.encrypted"), "--keys",
                keys().toString(), "--pages", "--index", "--bloom");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // double_field's own key opens its page headers, column and offset index and bloom filter
        assertThat(result.out()).contains("""
                    pages 3: 0 dictionary, 3 data, 0 index
                """).contains("""
                      page 0: min 0.5 max 941.5, null_count 0
                """).contains("""
                      page 1: offset 7704, 7908 bytes, first row 942
                """).contains("bitset 2048 bytes, BLOCK XXHASH UNCOMPRESSED").doesNotContain("failed authentication")
                .doesNotContain("not available");
        // without the column keys the encrypted chunks say why, the rest of the file still shows
        Path footerOnly = Files.writeString(temp.resolve("footer-only.keys"), "footer=0123456789012345\n");
        CliRun partial = run("inspect", corpus(ENCRYPTED_FOOTER), "--keys", footerOnly.toString());
        assertThat(partial.exitCode()).as(partial.err()).isZero();
        assertThat(partial.out()).contains("column double_field is encrypted and its column key is not available")
                .contains("int32_field");
    }

    @Test
    void withoutKeysAnEncryptedFooterIsAOneLineError() {
        assertOneLineError(run("cat", corpus(ENCRYPTED_FOOTER)), 1, "the footer is encrypted and no footer key is given");
        assertOneLineError(run("inspect", corpus(ENCRYPTED_FOOTER)), 1, "the footer is encrypted and no footer key is given");
    }

    @Test
    void aWrongKeyNamesTheModuleThatFailed() throws IOException {
        Path wrong = Files.writeString(temp.resolve("wrong.keys"), "footer=0123456789012346\n");
        assertOneLineError(run("cat", corpus(ENCRYPTED_FOOTER), "--keys", wrong.toString()), 1, "footer failed authentication");
    }

    @Test
    void aMalformedKeysFileIsAUsageError() throws IOException {
        Path shortKey = Files.writeString(temp.resolve("short.keys"), "footer=0123\n");
        assertOneLineError(run("cat", corpus(ENCRYPTED_FOOTER), "--keys", shortKey.toString()), 2,
                "line 1: the key has 4 bytes; AES keys have 16, 24 or 32");
        Path badName = Files.writeString(temp.resolve("bad.keys"), "\nfooter=0123456789012345\ncolumns.x=0123456789012345\n");
        assertOneLineError(run("cat", corpus(ENCRYPTED_FOOTER), "--keys", badName.toString()), 2,
                "line 3 names 'columns.x'; expected footer or column.<dotted path>");
        Path badHex = Files.writeString(temp.resolve("hex.keys"), "footer=hex:0g\n");
        assertOneLineError(run("inspect", corpus(ENCRYPTED_FOOTER), "--keys", badHex.toString()), 2,
                "the key after hex: is not an even number of hex digits");
        assertOneLineError(run("cat", corpus(ENCRYPTED_FOOTER), "--keys", temp.resolve("missing.keys").toString()), 2,
                "cannot read it");
    }

    private Path keys() throws IOException {
        return Files.writeString(temp.resolve("corpus.keys"), KEYS);
    }

    /** Each line holds float_field and double_field (each under its own column key) of parquet-java's decrypting read. */
    private static void assertDecryptedValues(String file, List<String> lines, String aadPrefix) throws IOException {
        List<Group> rows = parquetJava(Corpus.file(file), aadPrefix);
        assertThat(lines).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> line = StrictJson.parseObject(lines.get(r));
            Group row = rows.get(r);
            assertThat(((Number) line.get("float_field")).floatValue()).as(file + " row " + r).isEqualTo(row.getFloat("float_field", 0));
            assertThat(((Number) line.get("double_field")).doubleValue()).as(file + " row " + r).isEqualTo(row.getDouble("double_field", 0));
        }
    }

    private static List<Group> parquetJava(Path path, String aadPrefix) throws IOException {
        FileDecryptionProperties.Builder keys = FileDecryptionProperties.builder()
                .withFooterKey(ascii("0123456789012345"))
                .withColumnKeys(Map.of(
                        ColumnPath.get("double_field"), ColumnDecryptionProperties.builder(ColumnPath.get("double_field"))
                                .withKey(ascii("1234567890123450")).build(),
                        ColumnPath.get("float_field"), ColumnDecryptionProperties.builder(ColumnPath.get("float_field"))
                                .withKey(ascii("1234567890123451")).build()));
        if (aadPrefix != null) keys.withAADPrefix(ascii(aadPrefix));
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).withDecryption(keys.build()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Group> rows = new ArrayList<>();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema).getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) rows.add(records.read());
            }
            return rows;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void assertOneLineError(CliRun run, int exitCode, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        List<String> errors = run.err().lines().filter(line -> line.startsWith("pqflux: ")).toList();
        assertThat(errors).as(run.err()).hasSize(1);
        assertThat(errors.getFirst()).contains(expected)
                .doesNotContainPattern("(java|javax|io\\.pqflux|picocli)\\.[a-z]")
                .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error):");
    }
}
