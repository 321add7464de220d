package io.pqflux.reader;

import io.pqflux.column.DictionaryForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PageEncodingStats;
import io.pqflux.format.meta.PageType;
import io.pqflux.io.MappedInputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files parquet-java writes with each of its value encodings, on V1 and V2 pages, with dictionaries that
 * overflow mid-chunk into PLAIN (V1) or delta encodings (V2), and several codecs: pqflux must read them
 * identically, also when it keeps dictionary-encoded chunks as ids. Each case checks the footer's page
 * encoding statistics, so it cannot pass without exercising the encodings it names.
 */
class EncodingCoverageTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message m {
              required int32 i32;
              optional int64 i64;
              optional boolean b;
              optional float f;
              optional double d;
              optional binary s (STRING);
              optional fixed_len_byte_array(12) fx;
            }""");
    private static final int ROWS = 6000;

    /**
     * @param expected per column, value encodings the data pages must use (a fallback shows as two)
     */
    record Case(String name, WriterVersion version, boolean dictionary, boolean byteStreamSplit,
                CompressionCodecName codec, Map<String, Set<Encoding>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("v1 dictionary overflowing into PLAIN", WriterVersion.PARQUET_1_0, true, false, CompressionCodecName.SNAPPY,
                        Map.of("s", Set.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN),
                                "i64", Set.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN))),
                new Case("v2 delta encodings and RLE booleans", WriterVersion.PARQUET_2_0, false, false, CompressionCodecName.LZ4_RAW,
                        Map.of("i32", Set.of(Encoding.DELTA_BINARY_PACKED), "i64", Set.of(Encoding.DELTA_BINARY_PACKED),
                                "s", Set.of(Encoding.DELTA_BYTE_ARRAY), "fx", Set.of(Encoding.DELTA_BYTE_ARRAY),
                                "b", Set.of(Encoding.RLE))),
                new Case("v2 dictionary overflowing into delta", WriterVersion.PARQUET_2_0, true, false, CompressionCodecName.ZSTD,
                        Map.of("s", Set.of(Encoding.RLE_DICTIONARY, Encoding.DELTA_BYTE_ARRAY),
                                "i64", Set.of(Encoding.RLE_DICTIONARY, Encoding.DELTA_BINARY_PACKED))),
                new Case("v1 byte stream split", WriterVersion.PARQUET_1_0, false, true, CompressionCodecName.GZIP,
                        Map.of("f", Set.of(Encoding.BYTE_STREAM_SPLIT), "d", Set.of(Encoding.BYTE_STREAM_SPLIT))),
                new Case("v2 byte stream split, Hadoop LZ4", WriterVersion.PARQUET_2_0, false, true, CompressionCodecName.LZ4,
                        Map.of("f", Set.of(Encoding.BYTE_STREAM_SPLIT), "d", Set.of(Encoding.BYTE_STREAM_SPLIT))));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsIdenticallyToParquetJava(Case c) throws IOException {
        Path file = dir.resolve("encodings.parquet");
        write(file, c);
        assertThat(dataPageEncodings(file)).as("value encodings of the data pages").containsAllEntriesOf(c.expected());
        CorpusDifferentialTest.assertIdenticalToParquetJava(file);
        assertThat(ReadPathEquivalenceTest.entries(ParquetReader.open(MappedInputFile.open(file),
                ReadOptions.defaults().withDictionaryForm(DictionaryForm.KEPT)))).isEqualTo(ReadPathEquivalenceTest.entries(ParquetReader.open(file)));
    }

    private static void write(Path file, Case c) throws IOException {
        Random random = new Random(c.name().hashCode());
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, SCHEMA)
                .withWriterVersion(c.version())
                .withCompressionCodec(c.codec())
                .withDictionaryEncoding(c.dictionary())
                .withDictionaryPageSize(2048)
                .withByteStreamSplitEncoding(c.byteStreamSplit())
                .withPageSize(4096)
                .build()) {
            for (int row = 0; row < ROWS; row++) {
                Group g = groups.newGroup();
                g.add("i32", row % 97 == 0 ? Integer.MIN_VALUE + row : row * 31 - (row % 5 == 0 ? Integer.MAX_VALUE : 0));
                // the first rows repeat few values, the rest are unique: the dictionary fills and overflows
                if (random.nextInt(10) > 0) g.add("i64", row < 1500 ? row % 7 : random.nextLong());
                if (random.nextInt(10) > 0) g.add("b", row % 64 < 40 || random.nextBoolean());
                if (random.nextInt(10) > 0) g.add("f", (float) random.nextGaussian());
                if (random.nextInt(10) > 0) g.add("d", row % 50 == 0 ? Double.NaN : random.nextGaussian() * 1e6);
                if (random.nextInt(10) > 0) g.add("s", row < 1500 ? "city-" + row % 11 : "customer-" + row / 3 + "-" + random.nextInt(1000));
                if (random.nextInt(10) > 0) {
                    g.add("fx", Binary.fromConstantByteArray(ByteBuffer.allocate(12).putInt(row / 4).putLong(row < 3000 ? 0 : row).array()));
                }
                writer.write(g);
            }
        }
    }

    /** Per column, the value encodings its data pages use according to the footer's encoding statistics. */
    private static Map<String, Set<Encoding>> dataPageEncodings(Path file) {
        Map<String, Set<Encoding>> encodings = new TreeMap<>();
        try (ParquetReader reader = ParquetReader.open(file)) {
            for (var rowGroup : reader.metaData().rowGroups()) {
                for (ColumnChunk chunk : rowGroup.columns()) {
                    List<PageEncodingStats> stats = chunk.metaData().encodingStats();
                    for (PageEncodingStats s : stats) {
                        if (s.pageType() == PageType.DATA_PAGE || s.pageType() == PageType.DATA_PAGE_V2) {
                            encodings.computeIfAbsent(chunk.metaData().pathInSchema().getLast(), k -> new TreeSet<>()).add(s.encoding());
                        }
                    }
                }
            }
        }
        return encodings;
    }
}
