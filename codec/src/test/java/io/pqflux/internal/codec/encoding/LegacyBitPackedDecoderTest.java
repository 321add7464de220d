package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.column.values.bitpacking.BitPacking;
import org.junit.jupiter.api.Test;

class LegacyBitPackedDecoderTest {

    @Test
    void matchesParquetJavaForEveryBitWidth() throws Exception {
        Random random = new Random(1);
        for (int bitWidth = 0; bitWidth <= 8; bitWidth++) {
            for (int count : new int[] {0, 1, 7, 8, 9, 1001}) {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) values[i] = random.nextInt(1 << bitWidth);
                byte[] encoded = encode(bitWidth, values);
                byte[] padded = Arrays.copyOf(encoded, encoded.length + 2);
                byte[] out = new byte[count + 1];
                long consumed = LegacyBitPackedDecoder.decodeBytes(MemorySegment.ofArray(padded), 0, padded.length,
                        bitWidth, 0, count, MemorySegment.ofArray(out), 1);
                assertThat(consumed).isEqualTo(((long) count * bitWidth + 7) / 8);
                for (int i = 0; i < count; i++) assertThat(out[i + 1] & 0xFF).as("width %d value %d", bitWidth, i).isEqualTo(values[i]);
                // a read may start at any value: the ones before it are not decoded
                int first = count / 3;
                byte[] tail = new byte[count - first];
                LegacyBitPackedDecoder.decodeBytes(MemorySegment.ofArray(padded), 0, padded.length, bitWidth, first,
                        count - first, MemorySegment.ofArray(tail), 0);
                for (int i = first; i < count; i++) assertThat(tail[i - first] & 0xFF).isEqualTo(values[i]);
            }
        }
    }

    @Test
    void truncatedInputIsCorrupt() throws Exception {
        int[] values = new int[37];
        Arrays.fill(values, 5);
        byte[] encoded = encode(3, values);
        for (int length = 0; length < encoded.length; length++) {
            MemorySegment src = MemorySegment.ofArray(Arrays.copyOf(encoded, length));
            int available = length;
            assertThatThrownBy(() -> LegacyBitPackedDecoder.decodeBytes(src, 0, available, 3, 0, 37, MemorySegment.ofArray(new byte[37]), 0))
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("BIT_PACKED: 37 values of 3 bits needs 14 bytes at offset 0 but only " + length + " remain");
        }
    }

    private static byte[] encode(int bitWidth, int[] values) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitPacking.BitPackingWriter writer = BitPacking.getBitPackingWriter(bitWidth, bytes);
        for (int value : values) writer.write(value);
        writer.finish();
        return bytes.toByteArray();
    }
}
