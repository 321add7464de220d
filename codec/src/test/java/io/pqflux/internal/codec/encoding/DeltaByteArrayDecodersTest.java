package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.compress.GrowableOutput;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.testkit.codec.ParquetBytes;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.deltalengthbytearray.DeltaLengthByteArrayValuesWriter;
import org.apache.parquet.column.values.deltastrings.DeltaByteArrayWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY against parquet-java's writers, and hostile streams. */
class DeltaByteArrayDecodersTest {

    private static final int[] COUNTS = {0, 1, 2, 33, 129, 1000};
    private static final int SHAPES = 6;

    @Test
    void deltaLengthMatchesParquetJava() throws Exception {
        Random random = new Random(1);
        for (int count : COUNTS) {
            for (int shape = 0; shape < SHAPES; shape++) {
                byte[][] values = values(random, count, shape, -1);
                byte[] encoded = encode(new DeltaLengthByteArrayValuesWriter(64, 1 << 20, HeapByteBufferAllocator.getInstance()), values);
                byte[] withTail = Arrays.copyOf(encoded, encoded.length + 7);
                DeltaLengthByteArrayDecoder decoder = DeltaLengthByteArrayDecoder.open(MemorySegment.ofArray(withTail), 0,
                        withTail.length, count, Kernels.active());
                Output out = new Output(count, 3);
                decoder.read(count, out.offsets, 1, out, 3);
                assertThat(out.values(count)).as("count %d shape %d", count, shape).isDeepEqualTo(values);
            }
        }
    }

    @Test
    void deltaByteArrayMatchesParquetJava() throws Exception {
        Random random = new Random(2);
        for (int count : COUNTS) {
            for (int shape = 0; shape < SHAPES; shape++) {
                byte[][] values = values(random, count, shape, -1);
                byte[] encoded = encode(new DeltaByteArrayWriter(64, 1 << 20, HeapByteBufferAllocator.getInstance()), values);
                DeltaByteArrayDecoder decoder = DeltaByteArrayDecoder.open(MemorySegment.ofArray(encoded), 0, encoded.length,
                        count, MemorySegment.NULL, -1, Kernels.active());
                Output out = new Output(count, 0);
                decoder.read(count, out.offsets, 1, out, 0);
                assertThat(out.values(count)).as("count %d shape %d", count, shape).isDeepEqualTo(values);
            }
        }
    }

    @Test
    void deltaByteArrayOfFixedLengthValuesMatchesParquetJava() throws Exception {
        Random random = new Random(3);
        for (int width : new int[] {1, 2, 5, 16}) {
            for (int shape = 0; shape < SHAPES; shape++) {
                byte[][] values = values(random, 300, shape, width);
                byte[] encoded = encode(new DeltaByteArrayWriter(64, 1 << 20, HeapByteBufferAllocator.getInstance()), values);
                DeltaByteArrayDecoder decoder = DeltaByteArrayDecoder.open(MemorySegment.ofArray(encoded), 0, encoded.length,
                        values.length, MemorySegment.NULL, width, Kernels.active());
                byte[] out = new byte[width * values.length];
                decoder.readFixed(values.length, MemorySegment.ofArray(out), 0);
                for (int i = 0; i < values.length; i++) {
                    assertThat(Arrays.copyOfRange(out, i * width, (i + 1) * width)).as("width %d value %d", width, i).isEqualTo(values[i]);
                }
            }
        }
    }

    /**
     * Reads and skips in random runs give the values read, whatever was skipped before them: lengths of skipped
     * DELTA_LENGTH values are still walked, skipped DELTA_BYTE_ARRAY values still rebuilt for the prefixes after.
     */
    @Test
    void readsAndSkipsInRunsGiveTheValuesRead() throws Exception {
        Random random = new Random(5);
        for (int count : new int[] {1, 2, 33, 511, 1000}) {
            for (int shape = 0; shape < SHAPES; shape++) {
                byte[][] values = values(random, count, shape, -1);
                byte[] lengths = encode(new DeltaLengthByteArrayValuesWriter(64, 1 << 20, HeapByteBufferAllocator.getInstance()), values);
                byte[] prefixed = encode(new DeltaByteArrayWriter(64, 1 << 20, HeapByteBufferAllocator.getInstance()), values);
                DeltaLengthByteArrayDecoder deltaLength = DeltaLengthByteArrayDecoder.open(MemorySegment.ofArray(lengths), 0,
                        lengths.length, count, Kernels.active());
                DeltaByteArrayDecoder deltaByteArray = DeltaByteArrayDecoder.open(MemorySegment.ofArray(prefixed), 0,
                        prefixed.length, count, MemorySegment.NULL, -1, Kernels.active());
                Output fromLengths = new Output(count, 0);
                Output fromPrefixes = new Output(count, 0);
                List<byte[]> expected = new ArrayList<>();
                int kept = 0;
                for (int at = 0; at < count; ) {
                    // runs longer than a batch, and of one value
                    int n = Math.min(count - at, random.nextBoolean() ? 1 + random.nextInt(3) : random.nextInt(400));
                    if (random.nextBoolean()) {
                        deltaLength.skip(n);
                        deltaByteArray.skip(n);
                    } else {
                        long lengthsEnd = fromLengths.offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 1 + kept);
                        long prefixesEnd = fromPrefixes.offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 1 + kept);
                        deltaLength.read(n, fromLengths.offsets, 1 + kept, fromLengths, lengthsEnd);
                        deltaByteArray.read(n, fromPrefixes.offsets, 1 + kept, fromPrefixes, prefixesEnd);
                        expected.addAll(Arrays.asList(values).subList(at, at + n));
                        kept += n;
                    }
                    at += n;
                }
                byte[][] wanted = expected.toArray(byte[][]::new);
                assertThat(fromLengths.values(kept)).as("DELTA_LENGTH count %d shape %d", count, shape).isDeepEqualTo(wanted);
                assertThat(fromPrefixes.values(kept)).as("DELTA_BYTE_ARRAY count %d shape %d", count, shape).isDeepEqualTo(wanted);
                assertThat(deltaByteArray.lastValue().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(values[count - 1]);
            }
        }
    }

    @Test
    void aPageMayContinueThePrefixOfTheValueBeforeIt() {
        // PARQUET-246 pages: the first value shares 3 bytes with the previous page's last value "abcdef"
        byte[] page = deltaByteArray(new int[] {3, 2}, new String[] {"X", "YZ"});
        DeltaByteArrayDecoder decoder = DeltaByteArrayDecoder.open(MemorySegment.ofArray(page), 0, page.length, 2,
                MemorySegment.ofArray(bytes("abcdef")), -1, Kernels.active());
        Output out = new Output(2, 6);
        decoder.read(2, out.offsets, 1, out, 6);
        assertThat(out.values(2)).isDeepEqualTo(new byte[][] {bytes("abcX"), bytes("abYZ")});
        // skipped, the first value still takes its prefix from the value before the page
        DeltaByteArrayDecoder skipping = DeltaByteArrayDecoder.open(MemorySegment.ofArray(page), 0, page.length, 2,
                MemorySegment.ofArray(bytes("abcdef")), -1, Kernels.active());
        skipping.skip(1);
        assertThat(skipping.lastValue().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(bytes("abcX"));
        Output second = new Output(1, 0);
        skipping.read(1, second.offsets, 1, second, 0);
        assertThat(second.values(1)).isDeepEqualTo(new byte[][] {bytes("abYZ")});

        byte[] fixed = deltaByteArray(new int[] {2, 3}, new String[] {"zz", "q"});
        MemorySegment dst = MemorySegment.ofArray(bytes("--------"));
        DeltaByteArrayDecoder.open(MemorySegment.ofArray(fixed), 0, fixed.length, 2, MemorySegment.ofArray(bytes("wxyz")), 4,
                Kernels.active()).readFixed(2, dst, 0);
        assertThat(new String(dst.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII)).isEqualTo("wxzzwxzq");
    }

    @Test
    void hostileDeltaByteArraysAreCorrupt() {
        byte[] firstPrefix = deltaByteArray(new int[] {1}, new String[] {"a"});
        assertDeltaByteArrayCorrupt(firstPrefix, 1, "value 0 takes a prefix of 1 bytes from a previous value of 0 bytes");
        byte[] longPrefix = deltaByteArray(new int[] {0, 3}, new String[] {"ab", ""});
        assertDeltaByteArrayCorrupt(longPrefix, 2, "value 1 takes a prefix of 3 bytes from a previous value of 2 bytes");
        byte[] negative = deltaByteArray(new int[] {0, -1}, new String[] {"ab", "c"});
        assertDeltaByteArrayCorrupt(negative, 2, "value 1 has negative prefix length -1");
        byte[] wrongWidth = deltaByteArray(new int[] {0, 1}, new String[] {"abcd", "bc"});
        assertFixedDeltaByteArrayCorrupt(wrongWidth, 2, 4, "value 1 has 3 bytes but the column's fixed length is 4");
        assertDeltaByteArrayCorrupt(wrongWidth, 3, "prefix length stream at offset 0 holds 2 values but the page has 3");
        byte[] missingData = Arrays.copyOf(wrongWidth, wrongWidth.length - 1);
        assertDeltaByteArrayCorrupt(missingData, 2, "the suffixes of values 0 to 1 add up to 6 bytes but only 5 follow");
        // a bad length in a later batch is found there, named by its place in the page
        int[] prefixes = new int[300];
        String[] suffixes = new String[300];
        Arrays.fill(prefixes, 1);
        Arrays.fill(suffixes, "ab");
        prefixes[0] = 0;
        prefixes[280] = 9;
        assertDeltaByteArrayCorrupt(deltaByteArray(prefixes, suffixes), 300,
                "value 280 takes a prefix of 9 bytes from a previous value of 3 bytes");
    }

    @Test
    void hostileDeltaLengthsAreCorrupt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DeltaStreams.encode(new long[] {2, -5}, 128, 4, 32, w -> w, null));
        out.writeBytes(bytes("abcdefg"));
        assertDeltaLengthCorrupt(out.toByteArray(), 2, "value 1 has negative length -5");
        ByteArrayOutputStream tooLong = new ByteArrayOutputStream();
        tooLong.writeBytes(DeltaStreams.encode(new long[] {2, Integer.MAX_VALUE}, 128, 4, 32, w -> w, null));
        tooLong.writeBytes(bytes("abc"));
        assertDeltaLengthCorrupt(tooLong.toByteArray(), 2, "lengths add up to 2147483649 bytes but only 3 follow them");
        assertDeltaLengthCorrupt(tooLong.toByteArray(), 1, "length stream at offset 0 holds 2 values but the page has 1");
    }

    @Test
    void randomGarbageNeverEscapesAsAnotherException() {
        Random random = new Random(4);
        for (int round = 0; round < 3000; round++) {
            byte[] garbage = new byte[random.nextInt(80)];
            random.nextBytes(garbage);
            if (garbage.length > 4 && random.nextBoolean()) {
                byte[] start = DeltaStreams.encode(new long[] {random.nextInt(5), random.nextInt(5)}, 128, 4, 32, w -> w, null);
                System.arraycopy(start, 0, garbage, 0, Math.min(start.length, garbage.length));
            }
            int count = random.nextInt(4);
            MemorySegment src = MemorySegment.ofArray(garbage);
            try {
                Output out = new Output(count, 0);
                if (random.nextBoolean()) {
                    DeltaLengthByteArrayDecoder.open(src, 0, garbage.length, count, Kernels.active()).read(count, out.offsets, 1, out, 0);
                } else {
                    DeltaByteArrayDecoder.open(src, 0, garbage.length, count, MemorySegment.NULL, -1, Kernels.active())
                            .read(count, out.offsets, 1, out, 0);
                }
            } catch (CorruptFileException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("round %d threw %s", round, e);
            }
        }
    }

    /** The page fails as it is opened or read, and as it is skipped: a skip rebuilds values from the same lengths. */
    private static void assertDeltaByteArrayCorrupt(byte[] page, int count, String message) {
        assertThatThrownBy(() -> DeltaByteArrayDecoder.open(MemorySegment.ofArray(page), 0, page.length, count, MemorySegment.NULL,
                -1, Kernels.active()).read(count, MemorySegment.ofArray(new long[count + 1]), 0, new Output(count, 0), 0))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("DELTA_BYTE_ARRAY").hasMessageContaining(message);
        assertThatThrownBy(() -> DeltaByteArrayDecoder.open(MemorySegment.ofArray(page), 0, page.length, count, MemorySegment.NULL,
                -1, Kernels.active()).skip(count))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("DELTA_BYTE_ARRAY").hasMessageContaining(message);
    }

    private static void assertFixedDeltaByteArrayCorrupt(byte[] page, int count, int width, String message) {
        assertThatThrownBy(() -> DeltaByteArrayDecoder.open(MemorySegment.ofArray(page), 0, page.length, count, MemorySegment.NULL,
                width, Kernels.active()).readFixed(count, MemorySegment.ofArray(new byte[count * width]), 0))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("DELTA_BYTE_ARRAY").hasMessageContaining(message);
    }

    private static void assertDeltaLengthCorrupt(byte[] page, int count, String message) {
        assertThatThrownBy(() -> DeltaLengthByteArrayDecoder.open(MemorySegment.ofArray(page), 0, page.length, count, Kernels.active())
                .read(count, MemorySegment.ofArray(new long[count + 1]), 0, new Output(count, 0), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("DELTA_LENGTH_BYTE_ARRAY").hasMessageContaining(message);
    }

    /** Offsets (slot 0 free for a value before) and data growing on demand, as a column's buffers do. */
    private static final class Output implements GrowableOutput {
        final MemorySegment offsets;
        MemorySegment data;

        Output(int count, long dataStart) {
            data = MemorySegment.ofArray(new byte[(int) dataStart + 1]);
            offsets = MemorySegment.ofArray(new long[count + 2]);
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 1, dataStart);
        }

        @Override
        public MemorySegment ensureCapacity(long required, long used) {
            if (required > data.byteSize()) {
                MemorySegment grown = MemorySegment.ofArray(new byte[(int) Math.max(required, 2 * data.byteSize())]);
                MemorySegment.copy(data, 0, grown, 0, used);
                data = grown;
            }
            return data;
        }

        byte[][] values(int count) {
            return read(offsets, 1, data, count);
        }
    }

    /** A DELTA_BYTE_ARRAY page built by hand: prefix lengths, suffix lengths, suffix bytes. */
    private static byte[] deltaByteArray(int[] prefixes, String[] suffixes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DeltaStreams.encode(Arrays.stream(prefixes).asLongStream().toArray(), 128, 4, 32, w -> w, null));
        out.writeBytes(DeltaStreams.encode(Arrays.stream(suffixes).mapToLong(String::length).toArray(), 128, 4, 32, w -> w, null));
        for (String suffix : suffixes) out.writeBytes(bytes(suffix));
        return out.toByteArray();
    }

    private static byte[] encode(ValuesWriter writer, byte[][] values) throws Exception {
        try (writer) {
            for (byte[] value : values) writer.writeBytes(Binary.fromConstantByteArray(value));
            return ParquetBytes.of(writer.getBytes());
        }
    }

    static byte[][] read(MemorySegment offsets, long firstIndex, MemorySegment data, int count) {
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            long start = offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i);
            long end = offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i + 1);
            values[i] = data.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE);
        }
        return values;
    }

    /**
     * shape 0: random bytes of random lengths (odd ones included); 1: sorted strings with long shared
     * prefixes; 2: all empty; 3: all equal; 4: mixed empty and long. A width fixes every length.
     */
    static byte[][] values(Random random, int count, int shape, int width) {
        List<byte[]> values = new ArrayList<>();
        byte[] same = randomBytes(random, width >= 0 ? width : 1 + random.nextInt(40));
        for (int i = 0; i < count; i++) {
            int length = width >= 0 ? width : switch (shape) {
                case 2 -> 0;
                case 4 -> random.nextBoolean() ? 0 : 200 + random.nextInt(300);
                default -> random.nextInt(33);
            };
            values.add(switch (shape) {
                case 1 -> {
                    byte[] v = randomBytes(random, length);
                    byte[] prefix = bytes("customer-" + (i / 7));
                    System.arraycopy(prefix, 0, v, 0, Math.min(prefix.length, v.length));
                    yield v;
                }
                case 3 -> same.clone();
                case 5 -> {
                    // unrelated values between ones sharing a prefix with the value before: runs of both, of any length
                    byte[] v = randomBytes(random, length);
                    if (!values.isEmpty() && random.nextInt(3) == 0) {
                        byte[] before = values.getLast();
                        System.arraycopy(before, 0, v, 0, random.nextInt(Math.min(before.length, v.length) + 1));
                    }
                    yield v;
                }
                default -> randomBytes(random, length);
            });
        }
        if (shape == 1) values.sort(Arrays::compareUnsigned);
        return values.toArray(byte[][]::new);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
