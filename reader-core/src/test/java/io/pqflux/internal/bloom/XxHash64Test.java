package io.pqflux.internal.bloom;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.parquet.column.values.bloomfilter.XxHash;
import org.junit.jupiter.api.Test;

class XxHash64Test {

    /** Reference values of XXH64 with seed 0, from the xxHash project's test vectors. */
    @Test
    void knownVectors() {
        assertThat(XxHash64.hash(new byte[0], 0)).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(XxHash64.hash(ascii("a"), 0)).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(XxHash64.hash(ascii("abc"), 0)).isEqualTo(0x44BC2CF5AD770999L);
    }

    /** Every length from 0 to 300 crosses each tail path (bytes, 4-byte word, 8-byte words) and the 32-byte stripes. */
    @Test
    void equalsParquetJavaForEveryLengthAndRandomContent() {
        XxHash oracle = new XxHash();
        SplittableRandom random = new SplittableRandom(42);
        for (int length = 0; length <= 300; length++) {
            for (int sample = 0; sample < 5; sample++) {
                byte[] bytes = new byte[length];
                for (int i = 0; i < length; i++) bytes[i] = (byte) random.nextInt();
                assertThat(XxHash64.hash(bytes, 0)).as("length " + length).isEqualTo(oracle.hashBytes(bytes));
            }
        }
    }

    @Test
    void hashesASliceInPlace() {
        byte[] bytes = ascii("xxabcxx");
        assertThat(XxHash64.hash(MemorySegment.ofArray(bytes).asSlice(2, 3), 0)).isEqualTo(XxHash64.hash(ascii("abc"), 0));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
