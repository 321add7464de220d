package io.pqflux.internal.codec.compress;

import io.pqflux.testkit.codec.Compression;

import io.pqflux.codec.CompressionCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a page declares must not decide what is allocated: only what its compressed bytes can justify. */
class DecompressorAllocationTest {

    private static final long TWO_GIB = Integer.MAX_VALUE;

    /** A GrowableOutput that remembers the most memory it was asked for. */
    static final class RecordingOutput implements GrowableOutput, AutoCloseable {
        private final Arena arena = Arena.ofConfined();
        private MemorySegment segment = MemorySegment.NULL;
        long largestRequest;
        int requests;

        @Override
        public MemorySegment ensureCapacity(long required, long used) {
            requests++;
            largestRequest = Math.max(largestRequest, required);
            if (required > segment.byteSize()) {
                MemorySegment grown = arena.allocate(Math.max(1, required));
                MemorySegment.copy(segment, 0, grown, 0, used);
                segment = grown;
            }
            return segment;
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    /** Within zstd's ratio bound, but not what the frame header states: refused before reserving anything. */
    @Test
    void zstdRefusesADeclaredSizeItsFrameHeadersContradict() {
        byte[] compressed = Compression.compress(CompressionCodec.ZSTD, Compression.sample(new Random(1), 1024));
        try (Decompressor decompressor = Decompressors.create(CompressionCodec.ZSTD); RecordingOutput output = new RecordingOutput();
             Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocate(compressed.length).copyFrom(MemorySegment.ofArray(compressed));
            long declared = 4 << 20;
            assertThat(declared).isLessThan(decompressor.maxOutputSize(compressed.length));
            assertThatThrownBy(() -> decompressor.decompress(input, declared, output))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("declared uncompressed size " + declared + " but the frame headers state 1024");
            assertThat(output.requests).isZero();
            assertThat(decompressor.decompress(input, 1024, output).byteSize()).isEqualTo(1024);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW", "LZ4"})
    void boundedCodecsRefuseATwoGibClaimOnAKibibyteBeforeReservingAnything(CompressionCodec codec) {
        byte[] compressed = Compression.compress(codec, Compression.sample(new Random(1), 1024));
        try (Decompressor decompressor = Decompressors.create(codec); RecordingOutput output = new RecordingOutput();
             Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocate(compressed.length).copyFrom(MemorySegment.ofArray(compressed));
            assertThatThrownBy(() -> decompressor.decompress(input, TWO_GIB, output))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("declared uncompressed size " + TWO_GIB + " but " + compressed.length
                            + " compressed bytes can produce at most " + decompressor.maxOutputSize(compressed.length));
            assertThat(output.requests).isZero();
        }
    }

    @Test
    void brotliGrowsWithWhatItDecodesNotWithTheClaim() throws Exception {
        byte[] data = Compression.sample(new Random(2), 1024);
        byte[] compressed = Compression.brotli(data);
        try (Decompressor brotli = Decompressors.create(CompressionCodec.BROTLI); RecordingOutput output = new RecordingOutput()) {
            assertThatThrownBy(() -> brotli.decompress(MemorySegment.ofArray(compressed), TWO_GIB, output))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("brotli: declared uncompressed size " + TWO_GIB + " but stream holds 1024");
            assertThat(output.largestRequest).isLessThanOrEqualTo(64 * 1024);
        }
    }

    @Test
    void brotliExpandingAThousandfoldGrowsStepByStepToTheExactSize() throws Exception {
        byte[] zeros = new byte[24 << 20];
        byte[] compressed = Compression.brotli(zeros);
        assertThat(compressed.length).isLessThan(zeros.length / 1000);
        try (Decompressor brotli = Decompressors.create(CompressionCodec.BROTLI); RecordingOutput output = new RecordingOutput()) {
            MemorySegment result = brotli.decompress(MemorySegment.ofArray(compressed), zeros.length, output);
            assertThat(result.byteSize()).isEqualTo(zeros.length);
            assertThat(result.mismatch(MemorySegment.ofArray(zeros))).isEqualTo(-1);
            assertThat(output.requests).isGreaterThan(5);
            assertThat(output.largestRequest).isEqualTo(zeros.length);
        }
    }

    @Test
    void brotliStreamLongerThanDeclaredIsCorrupt() throws Exception {
        byte[] compressed = Compression.brotli(Compression.sample(new Random(3), 5000));
        try (Decompressor brotli = Decompressors.create(CompressionCodec.BROTLI); RecordingOutput output = new RecordingOutput()) {
            assertThatThrownBy(() -> brotli.decompress(MemorySegment.ofArray(compressed), 4999, output))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("brotli: stream holds more than the declared uncompressed size 4999");
            assertThat(output.largestRequest).isLessThanOrEqualTo(4999);
        }
    }

    @ParameterizedTest
    @EnumSource(names = "LZO", mode = EnumSource.Mode.EXCLUDE)
    void theGrowableFormReturnsExactlyTheDeclaredBytes(CompressionCodec codec) {
        byte[] data = Compression.sample(new Random(4), 70_000);
        byte[] compressed = Compression.compress(codec, data);
        try (Decompressor decompressor = Decompressors.create(codec); RecordingOutput output = new RecordingOutput()) {
            MemorySegment result = decompressor.decompress(MemorySegment.ofArray(compressed), data.length, output);
            assertThat(result.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(data);
        }
    }
}
