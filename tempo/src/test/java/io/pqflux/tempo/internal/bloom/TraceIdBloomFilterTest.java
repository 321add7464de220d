package io.pqflux.tempo.internal.bloom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.tempo.TempoException;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test vectors of docs/tempo-format.md §10.5, built by Tempo's Go code, and the bundled block's bloom-0. */
class TraceIdBloomFilterTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Path VECTORS = Corpus.root().resolve("tempo-bloom-vectors");
    private static final Path BLOCK = Corpus.tempoBlock();

    /** ID j (fifteen zero bytes, then j): FNV-1 32, shard of 3, h1, h2, the k = 7 bit positions in hash order. */
    private record Vector(int lastByte, String fnv1, int shard, String h1, String h2, long... bits) {
        byte[] id() {
            byte[] id = new byte[16];
            id[15] = (byte) lastByte;
            return id;
        }
    }

    private static final List<Vector> VECTOR_TABLE = List.of(
            new Vector(0x01, "69691904", 2, "23eff26357c48224", "01897af0aa0ca051", 4, 96, 34, 149, 84, 124, 62),
            new Vector(0x02, "69691907", 2, "ee6269fd0780cb4f", "b1ecf7710023ad94", 111, 63, 133, 85, 91, 43, 49),
            new Vector(0x03, "69691906", 1, "4e5d64ace25b5934", "e65c0b5f309a186a", 116, 47, 62, 95, 48, 99, 18),
            new Vector(0x04, "69691901", 2, "9944207a939a32c4", "9b442580a250db80", 132, 69, 142, 8, 100, 89, 2),
            new Vector(0x05, "69691900", 1, "083fccf0c1030ec1", "27924e5dbf3e1368", 33, 102, 93, 45, 61, 30, 21),
            new Vector(0x06, "69691903", 1, "9f1cefe9bd460e6b", "4be02d2327fcc30f", 139, 123, 35, 94, 95, 75, 147),
            new Vector(0x07, "69691902", 0, "4981f3ad43d8ca89", "f69c7f305b1e7c98", 105, 33, 155, 20, 153, 133, 95),
            new Vector(0x08, "6969190d", 2, "32848c1fb61175e1", "28b7af6a3b374c55", 129, 109, 49, 101, 97, 77, 17),
            new Vector(0x09, "6969190c", 1, "5d1b98c403e4eb7e", "d378759c7693408e", 30, 35, 72, 145, 2, 23, 124),
            new Vector(0x0a, "6969190f", 1, "6f3615b0a500881b", "9e038dce25ac71d2", 155, 25, 41, 37, 31, 117, 37));

    @Test
    void vectorShardFilesAsSerialized() throws IOException {
        List<String> expectedWords = List.of(
                "0000000200100000 0000020080000000 000000000a000020",
                "6001a22ac2a40004 18300048e0000900 00000000080a0800",
                "c002080400020114 1000a0330a302020 0000000000204032");
        for (int shard = 0; shard < 3; shard++) {
            TraceIdBloomFilter filter = vectorShard(shard);
            assertThat(filter.bits()).isEqualTo(160);
            assertThat(filter.hashes()).isEqualTo(7);
            assertThat(Arrays.stream(expectedWords.get(shard).split(" ")).mapToLong(w -> Long.parseUnsignedLong(w, 16)))
                    .containsExactly(Arrays.stream(filter.words()).boxed().toArray(Long[]::new));
        }
    }

    @Test
    void vectorsHashShardAndBitsExactly() throws IOException {
        List<TraceIdBloomFilter> shards = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) shards.add(vectorShard(shard));
        for (Vector v : VECTOR_TABLE) {
            byte[] id = v.id();
            assertThat(HEX.toHexDigits(BloomShards.fnv1(id))).as("FNV-1 of %s", v).isEqualTo(v.fnv1());
            assertThat(BloomShards.shardOf(id, 3)).as("shard of %s", v).isEqualTo(v.shard());
            long[] h = TraceIdBloomFilter.hashes(id);
            assertThat(HEX.toHexDigits(h[0])).as("h1 of %s", v).isEqualTo(v.h1());
            assertThat(HEX.toHexDigits(h[1])).as("h2 of %s", v).isEqualTo(v.h2());
            assertThat(shards.get(v.shard()).bitPositions(id)).as("bits of %s", v).containsExactly(v.bits());
            for (int shard = 0; shard < 3; shard++) {
                assertThat(shards.get(shard).mightContain(id)).as("%s in bloom-%d", v, shard)
                        .isEqualTo(shard == v.shard());
            }
        }
    }

    @Test
    void shardFileNames() {
        assertThat(BloomShards.fileName(0)).isEqualTo("bloom-0");
        assertThat(BloomShards.fileName(12)).isEqualTo("bloom-12");
    }

    @Test
    void shardIsTheUnsignedRemainder() {
        // FNV-1 is 0x92cbf7aa, above 2^31: the signed remainder by 7 would be -2
        byte[] id = HEX.parseHex("01000000000000000000000000000000");
        assertThat(HEX.toHexDigits(BloomShards.fnv1(id))).isEqualTo("92cbf7aa");
        assertThat(BloomShards.shardOf(id, 7)).isEqualTo(2);
    }

    @Test
    void bundledBlockBloomHasEveryTraceAndNoRandomId() throws IOException {
        TraceIdBloomFilter filter = TraceIdBloomFilter.parse(Files.readAllBytes(BLOCK.resolve("bloom-0")),
                "bloom-0");
        assertThat(filter.bits()).isEqualTo(819_200);
        assertThat(filter.hashes()).isEqualTo(5);
        assertThat(Arrays.stream(filter.words()).mapToInt(Long::bitCount).sum()).isEqualTo(670);

        List<byte[]> traceIds = traceIds(BLOCK.resolve("data.parquet"));
        assertThat(traceIds).hasSize(134).allSatisfy(id -> {
            assertThat(BloomShards.shardOf(id, 1)).isZero();
            assertThat(filter.mightContain(id)).as(HEX.formatHex(id)).isTrue();
        });

        byte[] first = traceIds.getFirst();
        assertThat(HEX.formatHex(first)).isEqualTo("000000000000000000474be8b43449fb");
        assertThat(HEX.toHexDigits(BloomShards.fnv1(first))).isEqualTo("78a52baf");
        assertThat(Arrays.stream(TraceIdBloomFilter.hashes(first)).mapToObj(HEX::toHexDigits)).containsExactly(
                "b6e5d708b4c8c3a6", "b3729591db922146", "48370e7223f47007", "8d89712de54fc54e");
        assertThat(filter.bitPositions(first)).containsExactly(803_750, 386_708, 380_482, 618_843, 426_946);

        Random random = new Random(20_260_101L);
        byte[] id = new byte[16];
        int positives = 0;
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(id);
            if (filter.mightContain(id)) positives++;
        }
        assertThat(positives).isZero();
    }

    @Test
    void truncatedHeader() {
        assertBad(new byte[23], "truncated: 23 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {-8, -1, 1, 8})
    void fileSizeMustMatchM(int delta) throws IOException {
        byte[] good = Files.readAllBytes(VECTORS.resolve("bloom-1"));
        assertBad(Arrays.copyOf(good, good.length + delta), "m = 160 bits needs 3 words");
    }

    @Test
    void lengthBitsMustEqualM() {
        assertBad(file(160, 7, 128, 3), "bitset length 128 bits differs from m = 160");
    }

    @Test
    void hugeDeclaredSizeIsRefusedWithoutAllocating() {
        // 2^62 bits would be a 512 PiB bitset; the 48-byte file is checked first
        assertBad(file(1L << 62, 7, 1L << 62, 3), "m = 4611686018427387904 bits needs 72057594037927936 words");
        assertBad(file(-1, 7, -1, 3), "m = 18446744073709551615 bits is not a usable filter size");
        assertBad(file(0, 7, 0, 0), "m = 0 bits");
    }

    @Test
    void hashCountOutOfRange() {
        assertBad(file(160, 0, 160, 3), "k = 0 hash functions");
        assertBad(file(160, 65, 160, 3), "k = 65 hash functions");
    }

    @Test
    void keysAreSixteenBytes() throws IOException {
        TraceIdBloomFilter filter = vectorShard(0);
        assertThatThrownBy(() -> filter.mightContain(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertBad(byte[] file, String message) {
        assertThatThrownBy(() -> TraceIdBloomFilter.parse(file, "blk/bloom-3"))
                .isInstanceOfSatisfying(TempoException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TempoException.Reason.BAD_BLOOM);
                    assertThat(e.source()).isEqualTo("blk/bloom-3");
                    assertThat(e.getMessage()).startsWith("blk/bloom-3: ").contains(message);
                });
    }

    /** A header and {@code words} zero words. */
    private static byte[] file(long m, long k, long lengthBits, int words) {
        return ByteBuffer.allocate(24 + 8 * words).putLong(m).putLong(k).putLong(lengthBits).array();
    }

    private static TraceIdBloomFilter vectorShard(int shard) throws IOException {
        Path file = VECTORS.resolve(BloomShards.fileName(shard));
        return TraceIdBloomFilter.parse(Files.readAllBytes(file), file.toString());
    }

    /** The TraceID column, read by parquet-java as the oracle. */
    private static List<byte[]> traceIds(Path dataParquet) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dataParquet), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = Types.buildMessage().addField(schema.getType("TraceID")).named(schema.getName());
            reader.setRequestedSchema(projection);
            List<byte[]> ids = new ArrayList<>();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(pages, new GroupRecordConverter(projection));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    ids.add(records.read().getBinary("TraceID", 0).getBytes());
                }
            }
            return ids;
        }
    }
}
