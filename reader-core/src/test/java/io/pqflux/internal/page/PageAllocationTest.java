package io.pqflux.internal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.testkit.codec.Compression;
import io.pqflux.codec.CompressionCodec;
import io.pqflux.internal.codec.compress.Decompressor;
import io.pqflux.internal.codec.compress.Decompressors;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ResourceLimitException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.memory.OffHeapBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.apache.parquet.format.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "A declared uncompressed size of 2 GiB in a 1 KiB file must not allocate 2 GiB": the page reader reserves
 * only what the compressed bytes can justify, measured by the off-heap bytes live while the page fails.
 */
class PageAllocationTest {

    private static final SourceLocation WHERE = SourceLocation.ofFile("crafted.parquet");
    /** Without a configured limit in the way, only the codec's own bound can stop the claim. */
    private static final PageReadOptions NO_LIMIT = new PageReadOptions(false, Long.MAX_VALUE);

    @ParameterizedTest
    @EnumSource(names = {"UNCOMPRESSED", "LZO"}, mode = EnumSource.Mode.EXCLUDE)
    void aTwoGibClaimOnAKibibyteReservesOnlyWhatTheBytesJustify(CompressionCodec codec) {
        byte[] compressed = Compression.compress(codec, Compression.sample(new Random(1), 1024));
        byte[] chunk = new ChunkBuilder().dataPageV1(256, Encoding.PLAIN, Encoding.RLE, compressed, Integer.MAX_VALUE).bytes();
        long before = OffHeapBuffer.liveBytes();
        try (Decompressor decompressor = Decompressors.create(codec);
             PageReader pages = new PageReader(MemorySegment.ofArray(chunk), 0, codec, decompressor, 256, NO_LIMIT, WHERE)) {
            assertThatThrownBy(pages::next)
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("crafted.parquet")
                    .hasMessageContaining("declared uncompressed size 2147483647 but ");
            // block codecs refuse before reserving anything; brotli reserves its first 64 KiB and stops at the
            // 1 KiB the stream really holds
            assertThat(OffHeapBuffer.liveBytes() - before).as("bytes reserved for %s", codec).isLessThanOrEqualTo(64 * 1024);
        }
    }

    @Test
    void aBrotliPageThatReallyExpandsAThousandfoldReads() {
        byte[] zeros = new byte[16 << 20];
        byte[] compressed = Compression.compress(CompressionCodec.BROTLI, zeros);
        assertThat(compressed.length).isLessThan(zeros.length / 1000);
        byte[] chunk = new ChunkBuilder().dataPageV1(256, Encoding.PLAIN, Encoding.RLE, compressed, zeros.length).bytes();
        try (Decompressor brotli = Decompressors.create(CompressionCodec.BROTLI);
             PageReader pages = new PageReader(MemorySegment.ofArray(chunk), 0, CompressionCodec.BROTLI, brotli, 256, NO_LIMIT, WHERE)) {
            Page.DataPageV1 page = (Page.DataPageV1) pages.next();
            assertThat(page.data().byteSize()).isEqualTo(zeros.length);
            assertThat(page.data().mismatch(MemorySegment.ofArray(zeros))).isEqualTo(-1);
        }
    }

    @Test
    void theConfiguredPageLimitStillComesFirst() {
        byte[] compressed = Compression.compress(CompressionCodec.BROTLI, new byte[3 << 20]);
        byte[] chunk = new ChunkBuilder().dataPageV1(256, Encoding.PLAIN, Encoding.RLE, compressed, 3 << 20).bytes();
        try (Decompressor brotli = Decompressors.create(CompressionCodec.BROTLI);
             PageReader pages = new PageReader(MemorySegment.ofArray(chunk), 0, CompressionCodec.BROTLI, brotli, 256,
                     new PageReadOptions(false, 1 << 20), WHERE)) {
            assertThatThrownBy(pages::next).isExactlyInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("page declares 3145728 uncompressed bytes, above the limit of 1048576");
        }
    }
}
