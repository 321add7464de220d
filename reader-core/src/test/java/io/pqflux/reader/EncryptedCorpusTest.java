package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.column.DictionaryForm;
import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.DecryptionException;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every encrypted corpus file, read with parquet-testing's keys, equals parquet-java's decrypting reader value for
 * value, in both dictionary forms; missing, wrong and partial keys fail with typed errors naming what they could not
 * decrypt.
 */
class EncryptedCorpusTest {

    private static final String KMS_FILE = "data/external_key_material_java.parquet.encrypted";

    static Stream<Arguments> decryptableFiles() {
        return Corpus.parquetTestingFiles().stream().filter(f -> f.endsWith(".encrypted") && !f.equals(KMS_FILE))
                .flatMap(f -> CorpusDifferentialTest.FORMS.stream().map(form -> Arguments.of(f, form)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("decryptableFiles")
    void readsAsParquetJavaDecryptsIt(String file, DictionaryForm form) throws IOException {
        Path path = Corpus.file(file);
        EncryptionKeys keys = EncryptionKeys.forCorpusFile(file);
        ParquetJavaOracle.Result oracle = ParquetJavaOracle.read(path, keys.parquetJava());
        assertThat(oracle.rows()).as("parquet-java reads rows of " + file).isNotEmpty();
        CorpusDifferentialTest.assertIdenticalTo(oracle, path,
                ReadOptions.defaults().withDictionaryForm(form).withDecryption(keys.pqflux()));
    }

    @Test
    void everyEncryptedCorpusFileIsCovered() {
        assertThat(decryptableFiles().count() / CorpusDifferentialTest.FORMS.size()).isEqualTo(12);
    }

    @Test
    void keyMaterialWrappedByAKmsNeedsAKeyRetriever() {
        Path path = Corpus.file(KMS_FILE);
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults()
                .withDecryption(EncryptionKeys.corpus128(false).withFooterKey(null).pqflux())))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.KEY_UNAVAILABLE))
                .hasMessageContaining(path.toString())
                .hasMessageContaining("the footer is encrypted")
                .hasMessageContaining("external key material")
                .hasMessageContaining("key retriever");
    }

    @Test
    void aKeyRetrieverThatReturnsNoAesKeyIsRefused() {
        Path path = Corpus.file("data/encrypt_columns_and_footer.parquet.encrypted");
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults().withDecryption(
                DecryptionProperties.builder().keyRetriever(metadata -> new byte[5]).build())))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.KEY_UNAVAILABLE))
                .hasMessageContaining("the key retriever returned 5 bytes as the key of the footer");
    }

    @Test
    void anEncryptedFooterWithoutKeysNamesWhatIsMissing() {
        Path path = Corpus.file("data/encrypt_columns_and_footer.parquet.encrypted");
        assertThatThrownBy(() -> ParquetReader.open(path))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.KEY_UNAVAILABLE))
                .hasMessageContaining(path.toString())
                .hasMessageContaining("the footer is encrypted and no footer key is given");
    }

    @Test
    void aWrongFooterKeyFailsTheFootersAuthentication() {
        Path path = Corpus.file("data/encrypt_columns_and_footer.parquet.encrypted");
        EncryptionKeys wrong = EncryptionKeys.corpus128(false).withFooterKey(EncryptionKeys.ascii("0123456789012346"));
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults().withDecryption(wrong.pqflux())))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.AUTHENTICATION_FAILED))
                .hasMessageContaining("footer failed authentication");
    }

    @Test
    void aWrongColumnKeyFailsThatColumnsMetadata() {
        Path path = Corpus.file("data/encrypt_columns_and_footer.parquet.encrypted");
        EncryptionKeys wrong = EncryptionKeys.corpus128(false).withColumnKey("float_field", EncryptionKeys.ascii("1234567890123459"));
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults().withDecryption(wrong.pqflux())))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.AUTHENTICATION_FAILED))
                .hasMessageContaining("column float_field column metadata failed authentication");
    }

    @Test
    void aMissingAadPrefixIsAskedFor() {
        Path path = Corpus.file("data/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted");
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults()
                .withDecryption(EncryptionKeys.corpus128(false).pqflux())))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.AAD_PREFIX))
                .hasMessageContaining("AAD prefix it does not store");
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults()
                .withDecryption(EncryptionKeys.corpus128(false).withAadPrefix(EncryptionKeys.ascii("other")).pqflux())))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.AUTHENTICATION_FAILED));
    }

    @Test
    void aStoredAadPrefixMustAgreeWithTheOneGiven() {
        Path path = Corpus.file("data/encrypt_columns_and_footer_aad.parquet.encrypted");
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults()
                .withDecryption(EncryptionKeys.corpus128(false).withAadPrefix(EncryptionKeys.ascii("other")).pqflux())))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.AAD_PREFIX))
                .hasMessageContaining("differs from the one the file stores");
    }

    /** A footer decrypted with one caller's keys never reaches another through a shared footer cache. */
    @Test
    void decryptedFootersStayOutOfTheFooterCache() {
        Path path = Corpus.file("data/encrypt_columns_plaintext_footer.parquet.encrypted");
        FooterCache cache = FooterCache.ofMaxBytes(1 << 20);
        ReadOptions keyed = ReadOptions.defaults().withFooterCache(cache).withDecryption(EncryptionKeys.corpus128(false).pqflux());
        try (ParquetReader reader = ParquetReader.open(path, keyed)) {
            assertThat(reader.metaData().rowGroups().getFirst().columns().stream()
                    .filter(c -> c.cryptoMetadata() != null && c.metaData().statistics() != null)
                    .map(c -> String.join(".", c.metaData().pathInSchema())).toList())
                    .as("the keyed reader sees the encrypted columns' statistics").containsExactlyInAnyOrder("double_field", "float_field");
        }
        assertThat(cache.metrics().misses() + cache.metrics().hits()).isZero();
        try (ParquetReader reader = ParquetReader.open(path, ReadOptions.defaults().withFooterCache(cache))) {
            // without keys the plaintext footer's stripped copies of the encrypted columns' metadata show, without statistics
            assertThat(reader.metaData().rowGroups().getFirst().columns().stream().filter(c -> c.cryptoMetadata() != null)
                    .map(c -> c.metaData().statistics())).hasSize(2).containsOnlyNulls();
        }
        assertThat(cache.metrics().misses()).isEqualTo(1);
    }

    /** As parquet-java reads files with hidden columns: a projection without the column whose key is unknown reads. */
    @Test
    void aColumnWithoutItsKeyFailsOnlyWhenRead() throws IOException {
        for (String file : List.of("data/encrypt_columns_and_footer.parquet.encrypted",
                "data/encrypt_columns_plaintext_footer.parquet.encrypted")) {
            Path path = Corpus.file(file);
            EncryptionKeys partial = EncryptionKeys.corpus128(false).withoutColumn("double_field");
            ReadOptions options = ReadOptions.defaults().withDecryption(partial.pqflux());
            List<String> others;
            try (ParquetReader reader = ParquetReader.open(path, options)) {
                others = reader.schema().columns().stream().map(c -> c.dottedPath()).filter(p -> !p.equals("double_field")).toList();
            }
            ParquetJavaOracle.Result all = ParquetJavaOracle.read(path, EncryptionKeys.corpus128(false).parquetJava());
            assertProjectionMatches(path, options.withColumns(others), all, others);
            assertThatThrownBy(() -> CorpusDifferentialTest.readEveryValue(path, options.withColumns(List.of("double_field"))))
                    .as(file)
                    .isInstanceOfSatisfying(DecryptionException.class,
                            e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.KEY_UNAVAILABLE))
                    .hasMessageContaining(path.toString())
                    .hasMessageContaining("column double_field is encrypted and its column key is not available")
                    .hasMessageContaining("\"kc1\"");
        }
    }

    /** A plaintext footer opens without keys; its plaintext columns read, its encrypted ones say they need a key. */
    @Test
    void aPlaintextFooterOpensWithoutKeys() throws IOException {
        Path path = Corpus.file("data/encrypt_columns_plaintext_footer.parquet.encrypted");
        List<String> plaintext;
        try (ParquetReader reader = ParquetReader.open(path)) {
            plaintext = reader.schema().columns().stream().map(c -> c.dottedPath())
                    .filter(p -> !p.equals("double_field") && !p.equals("float_field")).toList();
        }
        assertThat(plaintext).isNotEmpty();
        ParquetJavaOracle.Result all = ParquetJavaOracle.read(path, EncryptionKeys.corpus128(false).parquetJava());
        assertProjectionMatches(path, ReadOptions.defaults().withColumns(plaintext), all, plaintext);
        assertThatThrownBy(() -> CorpusDifferentialTest.readEveryValue(path))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.KEY_UNAVAILABLE))
                .hasMessageMatching(".*column (double|float)_field is encrypted and its column key is not available.*");
    }

    /** The projected columns of every row equal those of parquet-java's full decrypting read. */
    private static void assertProjectionMatches(Path path, ReadOptions options, ParquetJavaOracle.Result all, List<String> columns) {
        try (ParquetReader reader = ParquetReader.open(path, options); RowCursor rows = reader.rows()) {
            CanonicalRows canonical = new CanonicalRows(reader.projectedColumns());
            int row = 0;
            while (rows.next()) {
                for (int f = 0; f < rows.size(); f++) {
                    assertThat(CanonicalRows.ours(rows, f)).as(path.getFileName() + " row " + row + " " + rows.field(f).name())
                            .isEqualTo(canonical.oracle(all.rows().get(row), rows.field(f)));
                }
                row++;
            }
            assertThat(row).isEqualTo(all.rows().size());
            assertThat(reader.projectedColumns()).extracting(c -> c.dottedPath()).containsExactlyElementsOf(columns);
        }
    }
}
