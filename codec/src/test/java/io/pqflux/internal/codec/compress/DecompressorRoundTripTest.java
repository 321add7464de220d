package io.pqflux.internal.codec.compress;

import io.pqflux.testkit.codec.Compression;

import io.pqflux.codec.CompressionCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.UnsupportedFeatureException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DecompressorRoundTripTest {

    private static final int[] SIZES = {0, 1, 2, 7, 63, 64, 65, 1000, 4093, 65_537, 300_001};

    @ParameterizedTest
    @EnumSource(names = "LZO", mode = EnumSource.Mode.EXCLUDE)
    void roundTripsNativeSegments(CompressionCodec codec) {
        Random random = new Random(42 + codec.ordinal());
        try (Decompressor decompressor = Decompressors.create(codec); Arena arena = Arena.ofConfined()) {
            for (int size : SIZES) {
                byte[] data = Compression.sample(random, size);
                byte[] compressed = Compression.compress(codec, data);
                assertThat(decompressor.maxOutputSize(compressed.length)).isGreaterThanOrEqualTo(size);
                MemorySegment input = arena.allocate(Math.max(1, compressed.length)).asSlice(0, compressed.length);
                input.copyFrom(MemorySegment.ofArray(compressed));
                MemorySegment output = arena.allocate(Math.max(1, size)).asSlice(0, size);
                decompressor.decompress(input, output);
                assertThat(output.toArray(ValueLayout.JAVA_BYTE)).as("%s, %d bytes", codec, size).isEqualTo(data);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = "LZO", mode = EnumSource.Mode.EXCLUDE)
    void roundTripsHeapSegments(CompressionCodec codec) {
        Random random = new Random(7);
        try (Decompressor decompressor = Decompressors.create(codec)) {
            for (int size : SIZES) {
                byte[] data = Compression.sample(random, size);
                byte[] output = new byte[size];
                decompressor.decompress(MemorySegment.ofArray(Compression.compress(codec, data)), MemorySegment.ofArray(output));
                assertThat(output).as("%s, %d bytes", codec, size).isEqualTo(data);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"UNCOMPRESSED", "LZO"}, mode = EnumSource.Mode.EXCLUDE)
    void emptyInputIsEmptyOutput(CompressionCodec codec) {
        try (Decompressor decompressor = Decompressors.create(codec)) {
            decompressor.decompress(MemorySegment.ofArray(new byte[0]), MemorySegment.ofArray(new byte[0]));
            decompressor.decompress(Arena.global().allocate(0), Arena.global().allocate(0));
        }
    }

    @Test
    void concatenatedGzipMembersDecode() throws Exception {
        byte[] first = Compression.sample(new Random(1), 5000);
        byte[] second = Compression.sample(new Random(2), 333);
        byte[] a = Compression.gzip(first);
        byte[] b = Compression.gzip(second);
        byte[] empty = Compression.gzip(new byte[0]);
        byte[] input = concat(a, empty, b);
        byte[] output = new byte[first.length + second.length];
        try (Decompressor gzip = Decompressors.create(CompressionCodec.GZIP)) {
            gzip.decompress(MemorySegment.ofArray(input), MemorySegment.ofArray(output));
        }
        assertThat(output).isEqualTo(concat(first, second));
    }

    @Test
    void gzipHeaderWithOptionalFieldsDecodes() throws Exception {
        byte[] data = Compression.sample(new Random(3), 777);
        byte[] plain = Compression.gzip(data);
        // FEXTRA (3 bytes), FNAME "a.bin", FCOMMENT "c", FHCRC (not verified)
        byte[] header = {0x1f, (byte) 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, (byte) 0xff,
                3, 0, 'x', 'y', 'z', 'a', '.', 'b', 'i', 'n', 0, 'c', 0, 0x12, 0x34};
        byte[] input = concat(header, java.util.Arrays.copyOfRange(plain, 10, plain.length));
        byte[] output = new byte[data.length];
        try (Decompressor gzip = Decompressors.create(CompressionCodec.GZIP)) {
            gzip.decompress(MemorySegment.ofArray(input), MemorySegment.ofArray(output));
        }
        assertThat(output).isEqualTo(data);
    }

    @Test
    void concatenatedZstdFramesDecode() {
        byte[] first = Compression.sample(new Random(4), 4000);
        byte[] second = Compression.sample(new Random(5), 17);
        byte[] input = concat(Compression.compress(CompressionCodec.ZSTD, first),
                Compression.compress(CompressionCodec.ZSTD, new byte[0]),
                Compression.compress(CompressionCodec.ZSTD, second));
        byte[] output = new byte[first.length + second.length];
        try (Decompressor zstd = Decompressors.create(CompressionCodec.ZSTD)) {
            zstd.decompress(MemorySegment.ofArray(input), MemorySegment.ofArray(output));
        }
        assertThat(output).isEqualTo(concat(first, second));
    }

    @Test
    void codecIdsMatchTheThriftEnum() {
        for (CompressionCodec codec : CompressionCodec.values()) {
            assertThat(CompressionCodec.fromThriftId(codec.thriftId())).isSameAs(codec);
        }
        assertThat(CompressionCodec.LZ4_RAW.thriftId()).isEqualTo(7);
        assertThatThrownBy(() -> CompressionCodec.fromThriftId(8))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("compression codec id 8");
        assertThatThrownBy(() -> CompressionCodec.fromThriftId(-1)).isInstanceOf(UnsupportedFeatureException.class);
    }

    @Test
    void lzoIsUnsupportedByName() {
        assertThatThrownBy(() -> Decompressors.create(CompressionCodec.LZO))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("compression codec LZO");
    }

    @Test
    void maxOutputSizeSaturates() {
        for (CompressionCodec codec : new CompressionCodec[] {CompressionCodec.SNAPPY, CompressionCodec.GZIP,
                CompressionCodec.ZSTD, CompressionCodec.LZ4_RAW, CompressionCodec.LZ4}) {
            try (Decompressor decompressor = Decompressors.create(codec)) {
                assertThat(decompressor.maxOutputSize(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
                assertThat(decompressor.maxOutputSize(1024)).isLessThan(2L << 30);
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) size += part.length;
        byte[] all = new byte[size];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, pos, part.length);
            pos += part.length;
        }
        return all;
    }
}
