package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pqflux.error.CorruptFileException;
import io.pqflux.testkit.codec.ParquetBytes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.plain.BooleanPlainValuesWriter;
import org.apache.parquet.column.values.plain.FixedLenByteArrayPlainValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class PlainDecoderTest {

    private static final int[] COUNTS = {0, 1, 7, 8, 9, 1001};

    @Test
    void fixedWidthValuesMatchParquetJava() {
        Random random = new Random(1);
        for (int count : COUNTS) {
            int[] ints = random.ints(count).toArray();
            long[] longs = random.longs(count).toArray();
            PlainValuesWriter intWriter = writer();
            PlainValuesWriter longWriter = writer();
            for (int v : ints) intWriter.writeInteger(v);
            for (long v : longs) longWriter.writeLong(v);

            MemorySegment intDst = MemorySegment.ofArray(new byte[4 * count + 3]);
            byte[] intBytes = bytes(intWriter);
            assertThat(PlainDecoder.decodeFixed(MemorySegment.ofArray(intBytes), 0, intBytes.length, 4, count, intDst, 3))
                    .isEqualTo(4L * count);
            for (int i = 0; i < count; i++) assertThat(intDst.get(LittleEndian.INT, 3 + 4L * i)).isEqualTo(ints[i]);

            MemorySegment longDst = MemorySegment.ofArray(new byte[8 * count]);
            byte[] longBytes = bytes(longWriter);
            assertThat(PlainDecoder.decodeFixed(MemorySegment.ofArray(longBytes), 0, longBytes.length, 8, count, longDst, 0))
                    .isEqualTo(8L * count);
            for (int i = 0; i < count; i++) assertThat(longDst.get(LittleEndian.LONG, 8L * i)).isEqualTo(longs[i]);
        }
    }

    @Test
    void fixedLenByteArraysMatchParquetJava() throws Exception {
        Random random = new Random(2);
        for (int width : new int[] {1, 12, 16, 33}) {
            byte[][] values = new byte[101][width];
            FixedLenByteArrayPlainValuesWriter writer =
                    new FixedLenByteArrayPlainValuesWriter(width, 64, 1 << 20, HeapByteBufferAllocator.getInstance());
            for (byte[] value : values) {
                random.nextBytes(value);
                writer.writeBytes(Binary.fromConstantByteArray(value));
            }
            byte[] encoded = ParquetBytes.of(writer.getBytes());
            byte[] out = new byte[width * values.length];
            PlainDecoder.decodeFixed(MemorySegment.ofArray(encoded), 0, encoded.length, width, values.length, MemorySegment.ofArray(out), 0);
            for (int i = 0; i < values.length; i++) {
                assertThat(Arrays.copyOfRange(out, i * width, (i + 1) * width)).isEqualTo(values[i]);
            }
        }
    }

    @Test
    void booleansMatchParquetJava() throws Exception {
        Random random = new Random(3);
        for (int count : COUNTS) {
            boolean[] values = new boolean[count];
            BooleanPlainValuesWriter writer = new BooleanPlainValuesWriter();
            for (int i = 0; i < count; i++) writer.writeBoolean(values[i] = random.nextBoolean());
            byte[] encoded = ParquetBytes.of(writer.getBytes());
            byte[] out = new byte[count];
            long consumed = PlainDecoder.decodeBooleans(MemorySegment.ofArray(encoded), 0, encoded.length, 0, count, MemorySegment.ofArray(out), 0);
            assertThat(consumed).isEqualTo((count + 7) / 8);
            for (int i = 0; i < count; i++) assertThat(out[i]).isEqualTo((byte) (values[i] ? 1 : 0));
            // from a value inside a byte
            int first = count / 3;
            byte[] tail = new byte[count - first];
            PlainDecoder.decodeBooleans(MemorySegment.ofArray(encoded), 0, encoded.length, first, count - first, MemorySegment.ofArray(tail), 0);
            for (int i = first; i < count; i++) assertThat(tail[i - first]).isEqualTo((byte) (values[i] ? 1 : 0));
        }
    }

    @Test
    void byteArraysMatchParquetJavaAcrossCalls() {
        Random random = new Random(4);
        String[] values = new String[503];
        PlainValuesWriter writer = writer();
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 17 == 0 ? "" : "v" + random.nextInt() + "é".repeat(random.nextInt(5));
            writer.writeBytes(Binary.fromString(values[i]));
        }
        byte[] encoded = bytes(writer);
        MemorySegment src = MemorySegment.ofArray(encoded);
        MemorySegment offsets = MemorySegment.ofArray(new long[values.length + 1]);
        MemorySegment data = MemorySegment.ofArray(new byte[encoded.length + 5]);
        offsets.setAtIndex(ValueLayout.JAVA_LONG, 0, 5);
        // two calls, the second continuing where the first left off
        long first = PlainDecoder.decodeByteArrays(src, 0, encoded.length, 200, offsets, 0, data, 5);
        long dataEnd = offsets.getAtIndex(ValueLayout.JAVA_LONG, 200);
        long second = PlainDecoder.decodeByteArrays(src, first, encoded.length, values.length - 200, offsets, 200, data, dataEnd);
        assertThat(first + second).isEqualTo(encoded.length);
        // skipping walks the same lengths
        assertThat(PlainDecoder.skipByteArrays(src, 0, encoded.length, 200)).isEqualTo(first);
        assertThat(PlainDecoder.skipByteArrays(src, first, encoded.length, values.length - 200)).isEqualTo(second);
        for (int i = 0; i < values.length; i++) {
            long start = offsets.getAtIndex(ValueLayout.JAVA_LONG, i);
            long end = offsets.getAtIndex(ValueLayout.JAVA_LONG, i + 1);
            assertThat(new String(data.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8))
                    .isEqualTo(values[i]);
        }
    }

    @Test
    void truncationAtEveryLengthIsCorrupt() {
        PlainValuesWriter writer = writer();
        for (int i = 0; i < 9; i++) writer.writeBytes(Binary.fromString("value-" + i));
        byte[] encoded = bytes(writer);
        for (int truncated = 0; truncated < encoded.length; truncated++) {
            int length = truncated;
            MemorySegment src = MemorySegment.ofArray(Arrays.copyOf(encoded, length));
            MemorySegment offsets = MemorySegment.ofArray(new long[10]);
            MemorySegment data = MemorySegment.ofArray(new byte[length]);
            try {
                PlainDecoder.decodeByteArrays(src, 0, length, 9, offsets, 0, data, 0);
                fail("truncated to %d decoded", length);
            } catch (CorruptFileException expected) {
                assertThat(expected.getMessage()).startsWith("PLAIN BYTE_ARRAY");
            }
            int fixedCount = length / 4 + 1;
            assertThatThrownBy(() -> PlainDecoder.decodeFixed(src, 0, length, 4, fixedCount, MemorySegment.ofArray(new byte[4 * fixedCount]), 0))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("needs " + 4 * fixedCount + " bytes at offset 0 but only " + length + " remain");
            assertThatThrownBy(() -> PlainDecoder.decodeBooleans(src, 0, length, 0, 8 * length + 1, MemorySegment.ofArray(new byte[8 * length + 1]), 0))
                    .isExactlyInstanceOf(CorruptFileException.class);
        }
    }

    @Test
    void hostileLengthsAreCorrupt() {
        byte[] negative = {-1, -1, -1, -1, 0};
        assertThatThrownBy(() -> PlainDecoder.decodeByteArrays(MemorySegment.ofArray(negative), 0, 5, 1,
                MemorySegment.ofArray(new long[2]), 0, MemorySegment.ofArray(new byte[5]), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("value 0 at offset 0 declares length -1 but only 1 bytes remain");
        byte[] pastLimit = {3, 0, 0, 0, 'a', 'b', 'c'};
        // the bytes exist in the segment but lie past the limit
        assertThatThrownBy(() -> PlainDecoder.decodeByteArrays(MemorySegment.ofArray(pastLimit), 0, 6, 1,
                MemorySegment.ofArray(new long[2]), 0, MemorySegment.ofArray(new byte[7]), 0))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("declares length 3 but only 2 bytes remain");
        assertThatThrownBy(() -> PlainDecoder.skipByteArrays(MemorySegment.ofArray(pastLimit), 0, 6, 1))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("declares length 3 but only 2 bytes remain");
        assertThatThrownBy(() -> PlainDecoder.decodeFixed(MemorySegment.ofArray(pastLimit), 0, 7, 4, -1, MemorySegment.ofArray(new byte[7]), 0))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("negative value count -1");
    }

    private static PlainValuesWriter writer() {
        return new PlainValuesWriter(64, 1 << 20, HeapByteBufferAllocator.getInstance());
    }

    private static byte[] bytes(PlainValuesWriter writer) {
        try {
            return ParquetBytes.of(writer.getBytes());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
