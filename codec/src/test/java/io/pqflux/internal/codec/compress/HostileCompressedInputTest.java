package io.pqflux.internal.codec.compress;

import io.pqflux.testkit.codec.Compression;

import io.pqflux.codec.CompressionCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every malformed stream must end in a CorruptFileException, never a crash or another exception type. */
class HostileCompressedInputTest {

    private static final int SIZE = 3001;

    @ParameterizedTest
    @EnumSource(names = "LZO", mode = EnumSource.Mode.EXCLUDE)
    void declaredSizeTooSmallOrTooLarge(CompressionCodec codec) {
        byte[] compressed = Compression.compress(codec, Compression.sample(new Random(11), SIZE));
        try (Decompressor decompressor = Decompressors.create(codec); Arena arena = Arena.ofConfined()) {
            MemorySegment input = nativeCopy(arena, compressed);
            for (int declared : new int[] {0, 1, SIZE - 1, SIZE + 1, SIZE * 4}) {
                MemorySegment output = arena.allocate(declared);
                assertThatThrownBy(() -> decompressor.decompress(input, output))
                        .as("%s declared %d", codec, declared)
                        .isExactlyInstanceOf(CorruptFileException.class)
                        .hasMessageContaining(codec.name().toLowerCase());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = "LZO", mode = EnumSource.Mode.EXCLUDE)
    void truncatedAtEveryLength(CompressionCodec codec) {
        byte[] compressed = Compression.compress(codec, Compression.sample(new Random(12), 200));
        try (Decompressor decompressor = Decompressors.create(codec); Arena arena = Arena.ofConfined()) {
            MemorySegment output = arena.allocate(200);
            for (int length = 0; length < compressed.length; length++) {
                MemorySegment input = nativeCopy(arena, Arrays.copyOf(compressed, length));
                assertThatThrownBy(() -> decompressor.decompress(input, output))
                        .as("%s truncated to %d of %d bytes", codec, length, compressed.length)
                        .isExactlyInstanceOf(CorruptFileException.class);
            }
            // the instance is still usable after all those failures
            decompressor.decompress(nativeCopy(arena, compressed), output);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"UNCOMPRESSED", "LZO"}, mode = EnumSource.Mode.EXCLUDE)
    void bitFlipsFailTypedOrDecode(CompressionCodec codec) {
        byte[] data = Compression.sample(new Random(13), SIZE);
        byte[] compressed = Compression.compress(codec, data);
        Random random = new Random(14);
        int decoded = 0;
        try (Decompressor decompressor = Decompressors.create(codec); Arena arena = Arena.ofConfined()) {
            MemorySegment output = arena.allocate(SIZE);
            for (int round = 0; round < 500; round++) {
                byte[] flipped = compressed.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                }
                try {
                    decompressor.decompress(nativeCopy(arena, flipped), output);
                    decoded++;
                } catch (CorruptFileException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                } catch (RuntimeException | Error e) {
                    fail("%s round %d threw %s", codec, round, e);
                }
            }
            decompressor.decompress(nativeCopy(arena, compressed), output);
        }
        // gzip and zstd carry checksums, so hardly any flip survives; snappy and lz4 have none and decode many
        assertThat(decoded).isLessThan(500);
    }

    @ParameterizedTest
    @EnumSource(names = {"UNCOMPRESSED", "LZO"}, mode = EnumSource.Mode.EXCLUDE)
    void garbageIsCorrupt(CompressionCodec codec) {
        Random random = new Random(15);
        try (Decompressor decompressor = Decompressors.create(codec); Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 200; round++) {
                byte[] garbage = new byte[1 + random.nextInt(300)];
                random.nextBytes(garbage);
                MemorySegment output = arena.allocate(random.nextInt(1000));
                try {
                    decompressor.decompress(nativeCopy(arena, garbage), output);
                } catch (CorruptFileException expected) {
                    continue;
                } catch (RuntimeException | Error e) {
                    fail("%s round %d threw %s", codec, round, e);
                }
                // a random stream that happens to be valid must at least have filled the output exactly, which
                // only formats without checksums or stream structure allow
                assertThat(codec).isIn(CompressionCodec.SNAPPY, CompressionCodec.LZ4_RAW, CompressionCodec.LZ4);
            }
        }
    }

    @Test
    void snappyPreambleClaimingHugeSizeIsRejectedBeforeNativeDecoding() {
        // preamble varint 0xFFFFFFFF, then a 1-byte literal
        byte[] hostile = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x00, 'x'};
        try (Decompressor snappy = Decompressors.create(CompressionCodec.SNAPPY); Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> snappy.decompress(nativeCopy(arena, hostile), arena.allocate(1)))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("declared uncompressed size 1 but stream holds 4294967295");
        }
    }

    @Test
    void gzipTrailingGarbageAndBadTrailerAreCorrupt() throws Exception {
        byte[] data = Compression.sample(new Random(16), 500);
        byte[] gzip = Compression.gzip(data);
        byte[] output = new byte[data.length];
        try (Decompressor decompressor = Decompressors.create(CompressionCodec.GZIP)) {
            byte[] trailing = DecompressorRoundTripTest.concat(gzip, new byte[] {0, 0});
            assertThatThrownBy(() -> decompressor.decompress(MemorySegment.ofArray(trailing), MemorySegment.ofArray(output)))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("needs 10 bytes but only 2 remain");
            byte[] badCrc = gzip.clone();
            badCrc[badCrc.length - 8] ^= 1;
            assertThatThrownBy(() -> decompressor.decompress(MemorySegment.ofArray(badCrc), MemorySegment.ofArray(output)))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("CRC-32 mismatch");
            byte[] badSize = gzip.clone();
            badSize[badSize.length - 1] ^= 1;
            assertThatThrownBy(() -> decompressor.decompress(MemorySegment.ofArray(badSize), MemorySegment.ofArray(output)))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("member inflated to 500");
        }
    }

    private static MemorySegment nativeCopy(Arena arena, byte[] bytes) {
        return arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length).copyFrom(MemorySegment.ofArray(bytes));
    }
}
