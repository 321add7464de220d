package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.DecryptionException;
import io.pqflux.filter.Predicate;
import io.pqflux.schema.ColumnDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.ParquetCipher;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

/**
 * One byte altered in a module of each kind makes its GCM tag fail, and the read fails with a
 * {@link DecryptionException} naming that module and where it lies, never with wrong values. The modules are located
 * through parquet-java's reading of the footer, not pqflux's.
 */
class EncryptionTamperingTest {

    private static final EncryptedFiles.Layout ENCRYPTED_FOOTER = new EncryptedFiles.Layout(ParquetCipher.AES_GCM_V1, false,
            EncryptedFiles.Aad.STORED, false, CompressionCodecName.SNAPPY);
    private static final EncryptedFiles.Layout PLAINTEXT_FOOTER = new EncryptedFiles.Layout(ParquetCipher.AES_GCM_V1, true,
            EncryptedFiles.Aad.NONE, false, CompressionCodecName.SNAPPY);
    /** Bytes from a module's start to inside its ciphertext: length prefix, nonce, two more. */
    private static final int INTO_CIPHERTEXT = 4 + 12 + 2;

    @TempDir
    static Path dir;
    private static byte[] original;
    private static ColumnChunkMetaData id;
    private static ColumnChunkMetaData name;

    @BeforeAll
    static void writeFile() throws IOException {
        Path file = EncryptedFiles.write(dir.resolve("original.parquet"), ENCRYPTED_FOOTER);
        original = Files.readAllBytes(file);
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withDecryption(EncryptedFiles.keys(ENCRYPTED_FOOTER).parquetJava()).build();
        try (ParquetFileReader java = ParquetFileReader.open(new LocalInputFile(file), options)) {
            id = java.getFooter().getBlocks().getFirst().getColumns().get(0);
            name = java.getFooter().getBlocks().getFirst().getColumns().get(1);
        }
        assertThat(name.getDictionaryPageOffset()).isPositive();
        assertThat(id.getBloomFilterOffset()).isPositive();
    }

    @Test
    void anAlteredDataPageHeader() throws IOException {
        assertNamesModule(original, id.getFirstDataPageOffset() + INTO_CIPHERTEXT, readColumn("id"),
                "column id data page header 0 failed authentication", id.getFirstDataPageOffset());
    }

    @Test
    void anAlteredDataPage() throws IOException {
        long page = afterModule(id.getFirstDataPageOffset());
        assertNamesModule(original, page + INTO_CIPHERTEXT, readColumn("id"), "column id data page 0 failed authentication",
                id.getFirstDataPageOffset());
    }

    @Test
    void anAlteredDictionaryPageHeader() throws IOException {
        assertNamesModule(original, name.getDictionaryPageOffset() + INTO_CIPHERTEXT, readColumn("name"),
                "column name dictionary page header failed authentication", name.getDictionaryPageOffset());
    }

    @Test
    void anAlteredDictionaryPage() throws IOException {
        long page = afterModule(name.getDictionaryPageOffset());
        assertNamesModule(original, page + INTO_CIPHERTEXT, readColumn("name"), "column name dictionary page failed authentication",
                name.getDictionaryPageOffset());
    }

    @Test
    void anAlteredColumnIndex() throws IOException {
        long offset = id.getColumnIndexReference().getOffset();
        assertNamesModule(original, offset + INTO_CIPHERTEXT, pageIndexOfId(), "column id column index failed authentication", offset);
    }

    @Test
    void anAlteredOffsetIndex() throws IOException {
        long offset = id.getOffsetIndexReference().getOffset();
        assertNamesModule(original, offset + INTO_CIPHERTEXT, pageIndexOfId(), "column id offset index failed authentication", offset);
    }

    @Test
    void anAlteredBloomFilterHeader() throws IOException {
        long offset = id.getBloomFilterOffset();
        assertNamesModule(original, offset + INTO_CIPHERTEXT, probeIdBloomFilter(), "column id bloom filter header failed authentication",
                offset);
    }

    @Test
    void anAlteredBloomFilterBitset() throws IOException {
        long bitset = afterModule(id.getBloomFilterOffset());
        assertNamesModule(original, bitset + INTO_CIPHERTEXT, probeIdBloomFilter(), "column id bloom filter bitset failed authentication",
                bitset);
    }

    @Test
    void anAlteredEncryptedFooter() throws IOException {
        int footerEnd = original.length - 8;
        assertNamesModule(original, footerEnd - 20, path -> ParquetReader.open(path, options()).close(), "footer failed authentication",
                -1);
    }

    /** A plaintext footer is not encrypted; its signature catches the change. */
    @Test
    void anAlteredPlaintextFooter() throws IOException {
        byte[] file = Files.readAllBytes(EncryptedFiles.write(dir.resolve("plaintext-footer.parquet"), PLAINTEXT_FOOTER));
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int createdBy = indexOf(file, "parquet-mr".getBytes(StandardCharsets.US_ASCII), file.length - 8 - footerLength);
        byte[] altered = file.clone();
        altered[createdBy] = 'P';
        Path path = Files.write(dir.resolve("altered-plaintext-footer.parquet"), altered);
        assertThatThrownBy(() -> ParquetReader.open(path, ReadOptions.defaults()
                .withDecryption(EncryptedFiles.keys(PLAINTEXT_FOOTER).pqflux())).close())
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.problem()).isEqualTo(DecryptionException.Problem.AUTHENTICATION_FAILED))
                .hasMessageContaining(path.toString())
                .hasMessageContaining("the plaintext footer's signature does not verify");
        // the unaltered file verifies, and a wrong footer key does not
        Path intact = Files.write(dir.resolve("intact-plaintext-footer.parquet"), file);
        ParquetReader.open(intact, ReadOptions.defaults().withDecryption(EncryptedFiles.keys(PLAINTEXT_FOOTER).pqflux())).close();
        assertThatThrownBy(() -> ParquetReader.open(intact, ReadOptions.defaults().withDecryption(
                EncryptedFiles.keys(PLAINTEXT_FOOTER).withFooterKey("another-footer-key-0123456789abc".getBytes(StandardCharsets.US_ASCII))
                        .pqflux())).close())
                .isInstanceOf(DecryptionException.class)
                .hasMessageContaining("the plaintext footer's signature does not verify");
    }

    private static ReadOptions options() {
        return ReadOptions.defaults().withDecryption(EncryptedFiles.keys(ENCRYPTED_FOOTER).pqflux());
    }

    private static ThrowingConsumer<Path> readColumn(String column) {
        return path -> CorpusDifferentialTest.readEveryValue(path, options().withColumns(List.of(column)));
    }

    private static ThrowingConsumer<Path> pageIndexOfId() {
        return path -> {
            try (ParquetReader reader = ParquetReader.open(path, options())) {
                ColumnDescriptor column = reader.schema().columns().getFirst();
                reader.pageIndex(0, column);
            }
        };
    }

    /** An odd id lies within the first row group's bounds, so only its bloom filter can rule it out. */
    private static ThrowingConsumer<Path> probeIdBloomFilter() {
        return path -> {
            try (ParquetReader reader = ParquetReader.open(path, options().withFilter(Predicate.eq("id", 1L))); RowCursor rows = reader.rows()) {
                while (rows.next()) {
                    // the filter matches nothing; reading the first row group consults its bloom filter
                }
            }
        };
    }

    /** Flips the byte at {@code at} and checks the read fails naming the module, at {@code moduleOffset} (-1: any). */
    private static void assertNamesModule(byte[] file, long at, ThrowingConsumer<Path> read, String module, long moduleOffset)
            throws IOException {
        byte[] altered = file.clone();
        altered[Math.toIntExact(at)] ^= 0x5a;
        Path path = Files.write(dir.resolve("altered-at-" + at + ".parquet"), altered);
        assertThatThrownBy(() -> read.accept(path))
                .isInstanceOfSatisfying(DecryptionException.class, e -> {
                    assertThat(e.problem()).isEqualTo(DecryptionException.Problem.AUTHENTICATION_FAILED);
                    if (moduleOffset >= 0) assertThat(e.location().offset()).isEqualTo(moduleOffset);
                })
                .hasMessageContaining(path.toString())
                .hasMessageContaining(module);
        // the same read of the unaltered file succeeds
        Path intact = dir.resolve("intact.parquet");
        Files.write(intact, file);
        try {
            read.accept(intact);
        } catch (Throwable e) {
            throw new AssertionError("the unaltered file fails too", e);
        }
    }

    /** The offset after the module at {@code offset}: its 4-byte little-endian length says how long it is. */
    private static long afterModule(long offset) {
        int at = Math.toIntExact(offset);
        return offset + 4 + ByteBuffer.wrap(original, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int i = from; i <= bytes.length - part.length; i++) {
            boolean match = true;
            for (int k = 0; k < part.length && match; k++) match = bytes[i + k] == part[k];
            if (match) return i;
        }
        throw new AssertionError("not found: " + new String(part, StandardCharsets.US_ASCII));
    }
}
