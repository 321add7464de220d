package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.testkit.codec.ParquetBytes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesWriter;
import org.apache.parquet.column.values.plain.FixedLenByteArrayPlainValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** BYTE_STREAM_SPLIT must give back exactly what PLAIN encoding of the same values holds. */
class ByteStreamSplitDecoderTest {

    private static final int[] COUNTS = {0, 1, 2, 7, 1000};

    @Test
    void floatsDoublesIntsAndLongsMatchParquetJava() throws Exception {
        Random random = new Random(1);
        for (int count : COUNTS) {
            float[] floats = new float[count];
            double[] doubles = new double[count];
            int[] ints = new int[count];
            long[] longs = new long[count];
            for (int i = 0; i < count; i++) {
                floats[i] = i % 10 == 0 ? Float.NaN : (float) random.nextGaussian();
                doubles[i] = i % 9 == 0 ? -0.0 : random.nextGaussian() * 1e300;
                ints[i] = i % 5 == 0 ? Integer.MIN_VALUE : random.nextInt();
                longs[i] = i % 7 == 0 ? Long.MAX_VALUE : random.nextLong();
            }
            try (var floatSplit = new ByteStreamSplitValuesWriter.FloatByteStreamSplitValuesWriter(64, 1 << 20, allocator());
                 var doubleSplit = new ByteStreamSplitValuesWriter.DoubleByteStreamSplitValuesWriter(64, 1 << 20, allocator());
                 var intSplit = new ByteStreamSplitValuesWriter.IntegerByteStreamSplitValuesWriter(64, 1 << 20, allocator());
                 var longSplit = new ByteStreamSplitValuesWriter.LongByteStreamSplitValuesWriter(64, 1 << 20, allocator());
                 var floatPlain = plain(); var doublePlain = plain(); var intPlain = plain(); var longPlain = plain()) {
                for (int i = 0; i < count; i++) {
                    floatSplit.writeFloat(floats[i]);
                    floatPlain.writeFloat(floats[i]);
                    doubleSplit.writeDouble(doubles[i]);
                    doublePlain.writeDouble(doubles[i]);
                    intSplit.writeInteger(ints[i]);
                    intPlain.writeInteger(ints[i]);
                    longSplit.writeLong(longs[i]);
                    longPlain.writeLong(longs[i]);
                }
                assertDecodesTo(floatSplit, 4, count, floatPlain);
                assertDecodesTo(doubleSplit, 8, count, doublePlain);
                assertDecodesTo(intSplit, 4, count, intPlain);
                assertDecodesTo(longSplit, 8, count, longPlain);
            }
        }
    }

    @Test
    void fixedLenByteArraysOfAnyWidthMatchParquetJava() throws Exception {
        Random random = new Random(2);
        for (int width : new int[] {1, 2, 3, 5, 12, 16, 33}) {
            for (int count : COUNTS) {
                try (var split = new ByteStreamSplitValuesWriter.FixedLenByteArrayByteStreamSplitValuesWriter(width, 64, 1 << 20, allocator());
                     var plain = new FixedLenByteArrayPlainValuesWriter(width, 64, 1 << 20, allocator())) {
                    for (int i = 0; i < count; i++) {
                        byte[] value = new byte[width];
                        random.nextBytes(value);
                        split.writeBytes(Binary.fromConstantByteArray(value));
                        plain.writeBytes(Binary.fromConstantByteArray(value));
                    }
                    assertDecodesTo(split, width, count, plain);
                }
            }
        }
    }

    @Test
    void streamsSpanThePageEvenWhenFewerValuesAreAsked() {
        // three 2-byte values split into streams "a1 b1 c1" and "a2 b2 c2"; only two are asked for
        byte[] page = {'a', 'b', 'c', '1', '2', '3'};
        byte[] out = new byte[4];
        long consumed = ByteStreamSplitDecoder.decode(MemorySegment.ofArray(page), 0, page.length, 2, 0, 2, MemorySegment.ofArray(out), 0);
        assertThat(consumed).isEqualTo(6);
        assertThat(new String(out)).isEqualTo("a1b2");
        // any run of values reads without the ones before it
        ByteStreamSplitDecoder.decode(MemorySegment.ofArray(page), 0, page.length, 2, 1, 2, MemorySegment.ofArray(out), 0);
        assertThat(new String(out)).isEqualTo("b2c3");
    }

    @Test
    void sizesThatDoNotFitAreCorrupt() {
        MemorySegment seven = MemorySegment.ofArray(new byte[7]);
        assertThatThrownBy(() -> ByteStreamSplitDecoder.decode(seven, 0, 7, 4, 0, 1, MemorySegment.ofArray(new byte[4]), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("7 bytes at offset 0 do not split into streams of 4-byte values");
        MemorySegment eight = MemorySegment.ofArray(new byte[8]);
        assertThatThrownBy(() -> ByteStreamSplitDecoder.decode(eight, 0, 8, 4, 0, 3, MemorySegment.ofArray(new byte[12]), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("3 values of 4 bytes need 12 bytes but only 8 remain");
        assertThatThrownBy(() -> ByteStreamSplitDecoder.decode(eight, 0, 8, 4, 0, Integer.MAX_VALUE, MemorySegment.ofArray(new byte[12]), 0))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("2147483647 values");
        assertThatThrownBy(() -> ByteStreamSplitDecoder.decode(eight, 0, 8, 4, 1, 2, MemorySegment.ofArray(new byte[12]), 0))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("3 values of 4 bytes need 12 bytes");
    }

    private static void assertDecodesTo(ValuesWriter split, int width, int count, ValuesWriter plain) throws Exception {
        byte[] encoded = ParquetBytes.of(split.getBytes());
        byte[] expected = ParquetBytes.of(plain.getBytes());
        byte[] padded = new byte[encoded.length + 3];
        System.arraycopy(encoded, 0, padded, 3, encoded.length);
        byte[] out = new byte[width * count + 1];
        long consumed = ByteStreamSplitDecoder.decode(MemorySegment.ofArray(padded), 3, padded.length, width, 0, count,
                MemorySegment.ofArray(out), 1);
        assertThat(consumed).isEqualTo(encoded.length);
        assertThat(Arrays.copyOfRange(out, 1, out.length)).as("width %d count %d", width, count).isEqualTo(expected);
        assertThat(MemorySegment.ofArray(out).get(ValueLayout.JAVA_BYTE, 0)).isZero();
    }

    private static PlainValuesWriter plain() {
        return new PlainValuesWriter(64, 1 << 20, allocator());
    }

    private static HeapByteBufferAllocator allocator() {
        return HeapByteBufferAllocator.getInstance();
    }
}
