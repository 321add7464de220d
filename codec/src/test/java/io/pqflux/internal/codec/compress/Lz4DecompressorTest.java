package io.pqflux.internal.codec.compress;

import io.pqflux.testkit.codec.Compression;

import io.pqflux.codec.CompressionCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both LZ4 block decoders against lz4-java's encoder and against each other, and the Hadoop framing. */
class Lz4DecompressorTest {

    private static final Lz4Block JAVA = new JavaLz4Block();
    private static final Lz4Block NATIVE = new NativeLz4Block();

    @Test
    void bothBlockDecodersRoundTripEveryShape() {
        Random random = new Random(1);
        try (Arena arena = Arena.ofConfined()) {
            for (int size : new int[] {0, 1, 4, 15, 16, 19, 64, 300, 4096, 65_536, 300_001}) {
                for (int shape = 0; shape < 4; shape++) {
                    byte[] data = data(random, size, shape);
                    MemorySegment block = copy(arena, Compression.lz4Block(data));
                    for (Lz4Block decoder : new Lz4Block[] {JAVA, NATIVE}) {
                        MemorySegment out = arena.allocate(Math.max(1, size)).asSlice(0, size);
                        assertThat(decoder.decode(block, out)).isEqualTo(size);
                        assertThat(out.toArray(ValueLayout.JAVA_BYTE)).as("%s size %d shape %d", decoder, size, shape).isEqualTo(data);
                    }
                }
            }
        }
    }

    @Test
    void javaAndNativeAgreeOnDamagedBlocks() {
        Random random = new Random(2);
        byte[] data = data(random, 5000, 3);
        byte[] block = Compression.lz4Block(data);
        int decoded = 0;
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 3000; round++) {
                byte[] damaged = round % 3 == 0 ? Arrays.copyOf(block, random.nextInt(block.length)) : block.clone();
                if (round % 3 != 0) {
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                        damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                MemorySegment in = copy(arena, damaged);
                int capacity = round % 2 == 0 ? data.length : data.length - 1 + random.nextInt(3);
                byte[] fromJava = decodeOrNull(JAVA, in, arena, capacity);
                byte[] fromNative = decodeOrNull(NATIVE, in, arena, capacity);
                assertThat(fromJava).as("round %d", round).isEqualTo(fromNative);
                if (fromJava != null) decoded++;
            }
        }
        assertThat(decoded).isBetween(1, 2999);
    }

    @Test
    void blocksBreakingTheFormatAreCorrupt() {
        // each: a sequence with one literal 'a' and a match, then five final literals
        assertBlockCorrupt(block(0x10, 'a', 2, 0, 0x50, '1', '2', '3', '4', '5'), 100,
                "match offset 2 at offset 2 points before the start of the output");
        // The format calls offset 0 invalid; liblz4 does not check it and copies the output onto itself,
        // inside the output segment, like any undetected corruption of a checksum-free codec. Java refuses it.
        MemorySegment zeroOffset = MemorySegment.ofArray(block(0x10, 'a', 0, 0, 0x50, '1', '2', '3', '4', '5'));
        assertThatThrownBy(() -> JAVA.decode(zeroOffset, MemorySegment.ofArray(new byte[100])))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("match offset 0");
        // a match of 15 + 3 * 255 + 4 bytes into 100
        assertBlockCorrupt(block(0x1F, 'a', 1, 0, 255, 255, 255, 0, 0x50, '1', '2', '3', '4', '5'), 100,
                "block decodes to more than the 100 bytes");
        // a match of 16 bytes after 1 literal, into 20: it would end within the last 5 bytes, which must be literals
        assertBlockCorrupt(block(0x1C, 'a', 1, 0, 0x50, '1', '2', '3', '4', '5'), 20,
                "match of sequence at offset 0 reaches into the last 5 bytes");
        // literals ending within the last 12 output bytes or 8 input bytes must end the block
        assertBlockCorrupt(block(0x10, 'a', 1, 0, 0x50, '1', '2', '3', '4'), 100,
                "sequence at offset 0 ends too close to the end of the block");
        assertBlockCorrupt(block(0x10, 'a', 1, 0, 0x50, '1', '2', '3', '4', '5'), 12,
                "sequence at offset 0 ends too close to the end of the block");
        assertBlockCorrupt(block(0xF0, 255), 100, "runs past the block's end");
        assertBlockCorrupt(block(0x50, 'a', 'b'), 100, "5 literals at offset 1 run past the block's end at 3");
        assertBlockCorrupt(block(0x10, 'a', 1), 100, "sequence at offset 0 ends too close");
        assertBlockCorrupt(new byte[0], 100, "block ends at offset 0 before its final literals");
    }

    @Test
    void overlappingMatchesRepeatTheirPattern() {
        // "abc", then a match of offset 3 and length 4 + 15 + 10 = 29 repeating it, then 5 final literals
        byte[] block = block(0x3F, 'a', 'b', 'c', 3, 0, 10, 0x50, 'v', 'w', 'x', 'y', 'z');
        for (Lz4Block decoder : new Lz4Block[] {JAVA, NATIVE}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(37);
                assertThat(decoder.decode(copy(arena, block), out)).isEqualTo(37);
                assertThat(new String(out.toArray(ValueLayout.JAVA_BYTE))).isEqualTo("abc".repeat(10) + "ab" + "vwxyz");
            }
        }
    }

    @Test
    void hadoopFramesOfAnySizeDecode() {
        byte[] data = Compression.sample(new Random(3), 100_000);
        try (Decompressor lz4 = Decompressors.create(CompressionCodec.LZ4)) {
            for (int frameSize : new int[] {1, 999, 65_536, 100_000, 1 << 20}) {
                byte[] framed = Compression.hadoopLz4(data, frameSize);
                byte[] out = new byte[data.length];
                lz4.decompress(MemorySegment.ofArray(framed), MemorySegment.ofArray(out));
                assertThat(out).as("frames of %d", frameSize).isEqualTo(data);
            }
        }
    }

    @Test
    void unframedBlocksFallBackToRawDecoding() {
        byte[] data = Compression.sample(new Random(4), 7000);
        byte[] out = new byte[data.length];
        try (Decompressor lz4 = Decompressors.create(CompressionCodec.LZ4)) {
            lz4.decompress(MemorySegment.ofArray(Compression.lz4Block(data)), MemorySegment.ofArray(out));
        }
        assertThat(out).isEqualTo(data);
    }

    @Test
    void framingThatDoesNotAddUpFallsBackAndReportsBoth() {
        byte[] data = Compression.sample(new Random(5), 3000);
        byte[] framed = Compression.hadoopLz4(data, 1000);
        // the second frame claims one byte more than its block produces
        int second = 8 + ByteBuffer.wrap(framed, 4, 4).getInt();
        ByteBuffer.wrap(framed).putInt(second, 1001);
        try (Decompressor lz4 = Decompressors.create(CompressionCodec.LZ4)) {
            assertThatThrownBy(() -> lz4.decompress(MemorySegment.ofArray(framed), MemorySegment.ofArray(new byte[3000])))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("lz4: page is neither Hadoop-framed (")
                    .hasMessageContaining("nor one raw LZ4 block (");
        }
    }

    private static void assertBlockCorrupt(byte[] block, int capacity, String javaMessage) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = copy(arena, block);
            assertThatThrownBy(() -> JAVA.decode(in, arena.allocate(capacity)))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining(javaMessage);
            assertThatThrownBy(() -> NATIVE.decode(in, arena.allocate(capacity)))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("invalid block");
        }
    }

    private static byte[] block(int... bytes) {
        byte[] block = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) block[i] = (byte) bytes[i];
        return block;
    }

    private static byte[] decodeOrNull(Lz4Block decoder, MemorySegment in, Arena arena, int capacity) {
        MemorySegment out = arena.allocate(capacity);
        try {
            long written = decoder.decode(in, out);
            return out.asSlice(0, written).toArray(ValueLayout.JAVA_BYTE);
        } catch (CorruptFileException expected) {
            return null;
        } catch (RuntimeException e) {
            return fail("%s threw %s", decoder, e);
        }
    }

    /** shape 0: random; 1: one repeated byte; 2: short repeating pattern; 3: text mixed with noise. */
    private static byte[] data(Random random, int size, int shape) {
        byte[] data = new byte[size];
        switch (shape) {
            case 0 -> random.nextBytes(data);
            case 1 -> Arrays.fill(data, (byte) 7);
            case 2 -> {
                for (int i = 0; i < size; i++) data[i] = (byte) (i % (2 + size % 5));
            }
            default -> data = Compression.sample(random, size);
        }
        return data;
    }

    private static MemorySegment copy(Arena arena, byte[] bytes) {
        return arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length).copyFrom(MemorySegment.ofArray(bytes));
    }
}
