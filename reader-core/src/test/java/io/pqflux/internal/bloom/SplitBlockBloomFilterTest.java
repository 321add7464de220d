package io.pqflux.internal.bloom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.SplitBlockBloomFilter;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.io.BytesInputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.testdata.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class SplitBlockBloomFilterTest {

    /** The corpus filter (Thrift header + bitset) was built by parquet-java from four strings. */
    @Test
    void corpusFilterHoldsItsFourStrings() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("data/bloom_filter.xxhash.bin"));
        try (Arena arena = Arena.ofConfined(); var input = new BytesInputFile("bloom_filter.xxhash.bin", file)) {
            BloomFilterReader.Location location = BloomFilterReader.locate(input, bloomAt(0, null), null, arena, SourceLocation.UNKNOWN);
            assertThat(location.isProbeable()).isTrue();
            assertThat(location.bitsetOffset() + location.header().numBytes()).isEqualTo(file.length);
            SplitBlockBloomFilter filter = BloomFilterReader.read(input, location, arena, SourceLocation.UNKNOWN);
            for (String s : List.of("hello", "parquet", "bloom", "filter")) {
                assertThat(filter.mightContain(hashOf(s))).as(s).isTrue();
            }
            int falsePositives = 0;
            for (int i = 0; i < 1000; i++) {
                if (filter.mightContain(hashOf("absent-" + i))) falsePositives++;
            }
            assertThat(falsePositives).isLessThan(20);
        }
    }

    /** Same filter bits as parquet-java's for random values: every probe agrees, present or not. */
    @Test
    void probesAgreeWithParquetJava() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int bytes : new int[] {32, 64, 1024, 4096}) {
            BlockSplitBloomFilter oracle = new BlockSplitBloomFilter(bytes);
            List<Long> inserted = new ArrayList<>();
            for (int i = 0; i < bytes / 4; i++) {
                long value = random.nextLong();
                inserted.add(value);
                oracle.insertHash(oracle.hash(value));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            oracle.writeTo(out);
            SplitBlockBloomFilter ours = new SplitBlockBloomFilter(MemorySegment.ofArray(out.toByteArray()));
            for (long value : inserted) assertThat(ours.mightContain(oracle.hash(value))).isTrue();
            for (int i = 0; i < 2000; i++) {
                long hash = random.nextLong();
                assertThat(ours.mightContain(hash)).isEqualTo(oracle.findHash(hash));
            }
        }
    }

    @Test
    void hashesPlainBytesAsParquetJavaHashesValues() {
        BlockSplitBloomFilter oracle = new BlockSplitBloomFilter(32);
        assertThat(SplitBlockBloomFilter.hash(MemorySegment.ofArray(new byte[] {1, 0, 0, 0}))).isEqualTo(oracle.hash(1));
        assertThat(SplitBlockBloomFilter.hash(MemorySegment.ofArray(new byte[] {-2, -1, -1, -1, -1, -1, -1, -1})))
                .isEqualTo(oracle.hash(-2L));
        byte[] text = "text".getBytes(StandardCharsets.UTF_8);
        assertThat(SplitBlockBloomFilter.hash(MemorySegment.ofArray(text))).isEqualTo(oracle.hash(Binary.fromConstantByteArray(text)));
    }

    @Test
    void bitsetMustBeWholeBlocks() {
        assertThatThrownBy(() -> new SplitBlockBloomFilter(MemorySegment.ofArray(new byte[33])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerWithImpossibleSizeIsCorrupt() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("data/bloom_filter.xxhash.bin"));
        try (Arena arena = Arena.ofConfined(); var input = new BytesInputFile("f", file)) {
            // the declared length leaves no room for the bitset
            assertThatThrownBy(() -> BloomFilterReader.locate(input, bloomAt(0, 40), null, arena, SourceLocation.UNKNOWN))
                    .isInstanceOf(CorruptFileException.class).hasMessageContaining("bitset of 1024 bytes");
            assertThatThrownBy(() -> BloomFilterReader.locate(input, bloomAt(file.length, null), null, arena, SourceLocation.UNKNOWN))
                    .isInstanceOf(CorruptFileException.class).hasMessageContaining("lies outside the file");
        }
    }

    /** Both corpus files: without bloom_filter_length (header length guessed) and with it. */
    @Test
    void corpusFilesWithAndWithoutLengthHoldTheirValues() {
        for (String name : List.of("data/data_index_bloom_encoding_stats.parquet", "data/data_index_bloom_encoding_with_length.parquet")) {
            try (Arena arena = Arena.ofConfined(); var input = MappedInputFile.open(Corpus.file(name))) {
                ColumnMetaData meta = io.pqflux.internal.format.FooterReader.read(input).metaData().rowGroups().getFirst().columns()
                        .getFirst().metaData();
                BloomFilterReader.Location location = BloomFilterReader.locate(input, meta, null, arena, SourceLocation.UNKNOWN);
                assertThat(location.length()).isEqualTo(meta.bloomFilterLength());
                SplitBlockBloomFilter filter = BloomFilterReader.read(input, location, arena, SourceLocation.UNKNOWN);
                for (String value : List.of("Hello", "today")) assertThat(filter.mightContain(hashOf(value))).as(name + " " + value).isTrue();
                assertThat(filter.mightContain(hashOf("not a value of the file"))).isFalse();
            }
        }
    }

    private static long hashOf(String s) {
        return SplitBlockBloomFilter.hash(MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Chunk metadata that only locates a bloom filter. */
    private static ColumnMetaData bloomAt(long offset, Integer length) {
        return new ColumnMetaData(null, List.of(), List.of(), null, 0, 0, 0, null, 0, null, null, null, null, offset, length,
                null, null);
    }
}
