package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.schema.ColumnDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.ParquetCipher;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by parquet-java's encrypting writer ({@link EncryptedFiles}) in both algorithms, both footer modes,
 * each way of handling the AAD prefix, pages V1 and V2, read back equal to parquet-java's decrypting reader: whole,
 * from a row in the middle (pages located through the decrypted offset indexes, so their ordinals come from the
 * index), and filtered through statistics, dictionaries, bloom filters and column indexes, all decrypted.
 */
class EncryptedRoundTripTest {

    @TempDir
    static Path dir;

    static final List<EncryptedFiles.Layout> LAYOUTS = List.of(
            new EncryptedFiles.Layout(ParquetCipher.AES_GCM_V1, false, EncryptedFiles.Aad.NONE, false, CompressionCodecName.SNAPPY),
            new EncryptedFiles.Layout(ParquetCipher.AES_GCM_CTR_V1, false, EncryptedFiles.Aad.STORED, true, CompressionCodecName.UNCOMPRESSED),
            new EncryptedFiles.Layout(ParquetCipher.AES_GCM_V1, true, EncryptedFiles.Aad.SUPPLIED, true, CompressionCodecName.ZSTD),
            new EncryptedFiles.Layout(ParquetCipher.AES_GCM_CTR_V1, true, EncryptedFiles.Aad.NONE, false, CompressionCodecName.GZIP));

    private static final List<Path> FILES = new ArrayList<>();

    @BeforeAll
    static void writeFiles() throws IOException {
        for (int k = 0; k < LAYOUTS.size(); k++) FILES.add(EncryptedFiles.write(dir.resolve("encrypted-" + k + ".parquet"), LAYOUTS.get(k)));
    }

    static Stream<Integer> layouts() {
        return Stream.iterate(0, k -> k < LAYOUTS.size(), k -> k + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void readsAsParquetJavaDecryptsIt(int layout) throws IOException {
        Path file = FILES.get(layout);
        EncryptionKeys keys = EncryptedFiles.keys(LAYOUTS.get(layout));
        ParquetJavaOracle.Result oracle = ParquetJavaOracle.read(file, keys.parquetJava());
        assertThat(oracle.rows()).hasSize(EncryptedFiles.ROWS);
        ReadOptions options = ReadOptions.defaults().withDecryption(keys.pqflux());
        try (ParquetReader reader = ParquetReader.open(file, options)) {
            assertThat(reader.rowGroupCount()).as("row groups of " + LAYOUTS.get(layout)).isGreaterThan(3);
            assertThat(reader.metaData().encryptionAlgorithm() != null).isEqualTo(LAYOUTS.get(layout).plaintextFooter());
        }
        CorpusDifferentialTest.assertIdenticalTo(oracle, file, options);
        CorpusDifferentialTest.assertIdenticalTo(oracle, file, options.withFirstRow(EncryptedFiles.ROWS / 2 + 333));
        CorpusDifferentialTest.assertIdenticalTo(oracle, file, options.withRows(12_345, 12_999));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void filtersThroughDecryptedStatisticsDictionariesBloomFiltersAndPageIndexes(int layout) throws IOException {
        Path file = FILES.get(layout);
        EncryptionKeys keys = EncryptedFiles.keys(LAYOUTS.get(layout));
        ParquetJavaOracle.Result oracle = ParquetJavaOracle.read(file, keys.parquetJava());
        ReadOptions options = ReadOptions.defaults().withDecryption(keys.pqflux());
        CorpusDifferentialTest.assertFilteredIdentical(oracle, file, options, Predicate.eq("id", 2L * 31_000),
                row -> row.getLong("id", 0) == 2L * 31_000);
        CorpusDifferentialTest.assertFilteredIdentical(oracle, file, options, Predicate.eq("name", "name_7"),
                row -> row.getFieldRepetitionCount("name") > 0 && row.getString("name", 0).equals("name_7"));
        CorpusDifferentialTest.assertFilteredIdentical(oracle, file, options, Predicate.lt("score", 100.0),
                row -> row.getDouble("score", 0) < 100.0);
        // an odd id lies within every row group's bounds: only the decrypted bloom filters rule the row groups out
        try (ParquetReader reader = ParquetReader.open(file, options.withFilter(Predicate.eq("id", 2L * 20_000 + 1)));
             RowCursor rows = reader.rows()) {
            assertThat(rows.next()).isFalse();
            assertThat(reader.metrics().rowGroupsSkippedByBloomFilter()).isGreaterThan(0);
        }
        // a name no row has, within every row group's bounds: the decrypted dictionaries rule every row group out
        try (ParquetReader reader = ParquetReader.open(file, options.withFilter(Predicate.eq("name", "name_12x")));
             RowCursor rows = reader.rows()) {
            assertThat(rows.next()).isFalse();
            assertThat(reader.metrics().rowGroupsSkippedByDictionary()).isEqualTo(reader.rowGroupCount());
        }
    }

    /** The decrypted offset indexes of the encrypted columns are parquet-java's, page for page. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void decryptsThePageIndexesAsParquetJavaDoes(int layout) throws IOException {
        Path file = FILES.get(layout);
        EncryptionKeys keys = EncryptedFiles.keys(LAYOUTS.get(layout));
        ParquetReadOptions javaOptions = ParquetReadOptions.builder(new PlainParquetConfiguration()).withDecryption(keys.parquetJava()).build();
        try (ParquetFileReader java = ParquetFileReader.open(new LocalInputFile(file), javaOptions);
             ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withDecryption(keys.pqflux()))) {
            List<BlockMetaData> blocks = java.getFooter().getBlocks();
            long pages = 0;
            for (int g = 0; g < blocks.size(); g++) {
                for (ColumnDescriptor column : reader.schema().columns()) {
                    ColumnChunkMetaData javaChunk = blocks.get(g).getColumns().get(column.index());
                    org.apache.parquet.internal.column.columnindex.OffsetIndex expected = java.readOffsetIndex(javaChunk);
                    PageIndex ours = reader.pageIndex(g, column);
                    OffsetIndex offsets = ours.offsetIndex();
                    assertThat(offsets.pageLocations()).as("row group %d column %s", g, column.dottedPath()).hasSize(expected.getPageCount());
                    for (int p = 0; p < expected.getPageCount(); p++) {
                        PageLocation page = offsets.pageLocations().get(p);
                        assertThat(List.of(page.offset(), (long) page.compressedPageSize(), page.firstRowIndex()))
                                .isEqualTo(List.of(expected.getOffset(p), (long) expected.getCompressedPageSize(p), expected.getFirstRowIndex(p)));
                    }
                    assertThat(ours.columnIndex().nullCounts()).isEqualTo(java.readColumnIndex(javaChunk).getNullCounts());
                    pages += expected.getPageCount();
                }
            }
            assertThat(pages).isGreaterThan(100);
        }
    }

    /** Keys found by their metadata (here the key id the writer stored), as a key management service would. */
    @Test
    void keysComeFromAKeyRetriever() throws IOException {
        Path file = FILES.get(0);
        DecryptionProperties retrieved = DecryptionProperties.builder()
                .keyRetriever(metadata -> EncryptedFiles.KEYS_BY_ID.get(new String(metadata, StandardCharsets.US_ASCII)))
                .build();
        ParquetJavaOracle.Result oracle = ParquetJavaOracle.read(file, EncryptedFiles.keys(LAYOUTS.get(0)).parquetJava());
        CorpusDifferentialTest.assertIdenticalTo(oracle, file, ReadOptions.defaults().withDecryption(retrieved));
    }
}
