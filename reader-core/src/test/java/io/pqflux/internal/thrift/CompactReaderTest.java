package io.pqflux.internal.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Varints are decoded from one 8-byte load when 8 bytes remain and byte by byte near the end of the input: both
 * paths must give the same values and the same errors. Repeated values are recognised by their bytes only.
 */
class CompactReaderTest {

    private static final byte I32_FIELD_1 = 0x15;
    private static final byte I64_FIELD_1 = 0x16;
    private static final SourceLocation WHERE = SourceLocation.ofFile("test.parquet");

    @Test
    void i64VarintsOfEveryLengthReadTheSameWithAndWithoutBytesAfterThem() {
        SplittableRandom random = new SplittableRandom(11);
        for (int bits = 0; bits <= 64; bits++) {
            for (int k = 0; k < 20; k++) {
                long magnitude = bits == 0 ? 0 : (random.nextLong() >>> (64 - bits)) | (1L << (bits - 1));
                for (long value : new long[] {magnitude, -magnitude, Long.MIN_VALUE, Long.MAX_VALUE}) {
                    byte[] field = concat(new byte[] {I64_FIELD_1}, varint((value << 1) ^ (value >> 63)));
                    assertThat(readI64(field)).as("%d, last in the input", value).isEqualTo(value);
                    assertThat(readI64(concat(field, new byte[12]))).as("%d, 12 bytes after it", value).isEqualTo(value);
                }
            }
        }
    }

    @Test
    void i32VarintsReadTheSameWithAndWithoutBytesAfterThem() {
        for (int value : new int[] {0, 1, -1, 63, -64, 64, 8191, -8192, 1 << 20, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            byte[] field = concat(new byte[] {I32_FIELD_1}, varint(Integer.toUnsignedLong((value << 1) ^ (value >> 31))));
            assertThat(readI32(field)).isEqualTo(value);
            assertThat(readI32(concat(field, new byte[12]))).isEqualTo(value);
        }
    }

    @Test
    void anI32VarintLongerThanFiveBytesFailsAtTheSameOffsetOnBothPaths() {
        for (int length = 6; length <= 10; length++) {
            byte[] continuation = new byte[length];
            Arrays.fill(continuation, (byte) 0x81);
            continuation[length - 1] = 0x01;
            byte[] field = concat(new byte[] {I32_FIELD_1}, continuation);
            Throwable last = catchThrowable(() -> readI32(field));
            Throwable padded = catchThrowable(() -> readI32(concat(field, new byte[12])));
            assertThat(last).isInstanceOf(CorruptFileException.class).hasMessageContaining("varint longer than 5 bytes");
            assertThat(padded).isInstanceOf(CorruptFileException.class).hasMessage(last.getMessage());
        }
    }

    @Test
    void anI64VarintLongerThanTenBytesFails() {
        byte[] continuation = new byte[11];
        Arrays.fill(continuation, (byte) 0x80);
        byte[] field = concat(new byte[] {I64_FIELD_1}, continuation);
        assertThat(catchThrowable(() -> readI64(field))).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("varint longer than 10 bytes");
    }

    @Test
    void skipIfRepeatsSkipsOnlyBytesEqualToTheEarlierOnes() {
        byte[] value = "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] other = value.clone();
        other[value.length - 1] = 'J';
        byte[] input = concat(value, value, other, Arrays.copyOf(value, 5));
        CompactReader r = new CompactReader(MemorySegment.ofArray(input), 0, WHERE);

        r.skip(CompactReader.BYTE); // one byte on: the same bytes shifted by one are no repeat
        assertThat(r.skipIfRepeats(0, value.length)).as("misaligned").isFalse();
        assertThat(r.position()).isEqualTo(1);

        r = new CompactReader(MemorySegment.ofArray(input), 0, WHERE);
        for (int i = 0; i < value.length; i++) r.skip(CompactReader.BYTE);
        assertThat(r.skipIfRepeats(0, value.length)).as("equal").isTrue();
        assertThat(r.position()).isEqualTo(2L * value.length);
        assertThat(r.skipIfRepeats(0, value.length)).as("differs in the last byte").isFalse();
        assertThat(r.position()).isEqualTo(2L * value.length);
        for (int i = 0; i < value.length; i++) r.skip(CompactReader.BYTE);
        assertThat(r.skipIfRepeats(0, value.length)).as("only 5 bytes remain").isFalse();
        assertThat(r.skipIfRepeats(0, 5)).as("a 5-byte repeat").isTrue();
        assertThat(r.position()).isEqualTo(input.length);
    }

    private static long readI64(byte[] struct) {
        CompactReader r = new CompactReader(MemorySegment.ofArray(struct), 0, WHERE);
        r.beginStruct();
        assertThat(r.nextField()).isTrue();
        return r.readI64("test.i64");
    }

    private static int readI32(byte[] struct) {
        CompactReader r = new CompactReader(MemorySegment.ofArray(struct), 0, WHERE);
        r.beginStruct();
        assertThat(r.nextField()).isTrue();
        return r.readI32("test.i32");
    }

    private static byte[] varint(long unsigned) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((unsigned & ~0x7FL) != 0) {
            out.write((int) (unsigned & 0x7F) | 0x80);
            unsigned >>>= 7;
        }
        out.write((int) unsigned);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
