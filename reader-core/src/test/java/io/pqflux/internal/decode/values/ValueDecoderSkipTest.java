package io.pqflux.internal.decode.values;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.decode.ColumnBuffers;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testkit.codec.ParquetBytes;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.deltalengthbytearray.DeltaLengthByteArrayValuesWriter;
import org.apache.parquet.column.values.deltastrings.DeltaByteArrayWriter;
import org.apache.parquet.column.values.plain.BooleanPlainValuesWriter;
import org.apache.parquet.column.values.plain.FixedLenByteArrayPlainValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value decoder, on random pages at odd sizes: {@code read(a) + skip(b) + read(c)} gives exactly values
 * {@code [0, a)} and {@code [a + b, a + b + c)} of {@code read(a + b + c)}, and that read gives the values written.
 * Pages are written by parquet-java's value writers; dictionary ids are checked kept as ids and materialised.
 */
class ValueDecoderSkipTest {

    private static final LevelKernels KERNELS = Kernels.active();
    private static final int TRIALS = 25;

    /** One encoded page: its values as parquet-java wrote them, and what reading it needs. */
    record Page(String name, ColumnDescriptor column, Encoding encoding, byte[] bytes, List<String> values,
                byte[] dictionary, int dictionarySize, boolean keepIds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Page> pages() {
        Random random = new Random(42);
        List<Page> pages = new ArrayList<>();
        for (int count : new int[] {1, 9, 517, 1001, 3333}) {
            pages.add(plainFixed(PhysicalType.INT32, 4, count, random));
            pages.add(plainFixed(PhysicalType.INT64, 8, count, random));
            pages.add(plainFixed(PhysicalType.INT96, 12, count, random));
            pages.add(plainFixed(PhysicalType.FIXED_LEN_BYTE_ARRAY, 5, count, random));
            pages.add(plainBooleans(count, random));
            pages.add(rleBooleans(count, random));
            pages.add(plainByteArrays(count, random));
            pages.add(deltaBinaryPacked(PhysicalType.INT32, count, random));
            pages.add(deltaBinaryPacked(PhysicalType.INT64, count, random));
            pages.add(byteArrays(Encoding.DELTA_LENGTH_BYTE_ARRAY, count, random,
                    () -> new DeltaLengthByteArrayValuesWriter(64, 1 << 20, allocator())));
            pages.add(byteArrays(Encoding.DELTA_BYTE_ARRAY, count, random,
                    () -> new DeltaByteArrayWriter(64, 1 << 20, allocator())));
            pages.add(fixedDeltaByteArray(7, count, random));
            // floats go through the int writer: the float one would canonicalise random NaN payloads
            pages.add(byteStreamSplit(PhysicalType.FLOAT, 4, count, random,
                    () -> new ByteStreamSplitValuesWriter.IntegerByteStreamSplitValuesWriter(64, 1 << 20, allocator())));
            pages.add(byteStreamSplit(PhysicalType.INT64, 8, count, random,
                    () -> new ByteStreamSplitValuesWriter.LongByteStreamSplitValuesWriter(64, 1 << 20, allocator())));
            pages.add(byteStreamSplit(PhysicalType.FIXED_LEN_BYTE_ARRAY, 3, count, random,
                    () -> new ByteStreamSplitValuesWriter.FixedLenByteArrayByteStreamSplitValuesWriter(3, 64, 1 << 20,
                            allocator())));
            for (boolean keepIds : new boolean[] {false, true}) {
                pages.add(dictionaryIds(PhysicalType.BYTE_ARRAY, count, random, keepIds));
                pages.add(dictionaryIds(PhysicalType.INT32, count, random, keepIds));
            }
        }
        return pages.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void readSkipReadGivesTheSlicesOfOneRead(Page page) {
        int count = page.values().size();
        List<String> all = decode(page, count);
        assertThat(all).as("one read of every value").isEqualTo(page.values());
        Random random = new Random(page.name().hashCode());
        for (int trial = 0; trial < TRIALS; trial++) {
            int a = oddOrSmall(random, count);
            int b = oddOrSmall(random, count - a);
            int c = oddOrSmall(random, count - a - b);
            List<String> expected = new ArrayList<>(all.subList(0, a));
            expected.addAll(all.subList(a + b, a + b + c));
            assertThat(decode(page, a, b, c)).as("read %d, skip %d, read %d", a, b, c).isEqualTo(expected);
        }
        // many alternations, each run short
        int[] steps = new int[2 * 40];
        int left = count;
        for (int i = 0; i < steps.length && left > 0; i++) left -= steps[i] = Math.min(left, random.nextInt(7));
        List<String> expected = new ArrayList<>();
        for (int i = 0, at = 0; i < steps.length; at += steps[i++]) {
            if (i % 2 == 0) expected.addAll(all.subList(at, at + steps[i]));
        }
        assertThat(decode(page, steps)).as("alternating short runs").isEqualTo(expected);
    }

    /** Sizes that split bit-packed groups, miniblocks and batches: mostly odd, sometimes 0 or all that is left. */
    private static int oddOrSmall(Random random, int left) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> left;
            default -> Math.min(left, 1 + 2 * random.nextInt(Math.max(1, left / 4 + 1)));
        };
    }

    /** Reads and skips in turn ({@code steps[0]} read, {@code steps[1]} skipped, ...): the values read, in hex. */
    private static List<String> decode(Page page, int... steps) {
        try (ColumnBuffers out = new ColumnBuffers(page.column(), Long.MAX_VALUE, page.keepIds());
             ValueDecoders decoders = new ValueDecoders(page.column(), KERNELS)) {
            if (page.dictionary() != null) {
                decoders.readDictionary(new DictionaryPageHeader(page.dictionarySize(), Encoding.PLAIN, null),
                        MemorySegment.ofArray(page.dictionary()));
            }
            decoders.requireDecodable(page.encoding());
            ValueDecoder decoder = decoders.open(page.encoding(), MemorySegment.ofArray(page.bytes()), 0, page.bytes().length,
                    page.values().size(), out, false);
            for (int i = 0; i < steps.length; i++) {
                if (i % 2 == 0) decoder.read(steps[i], out);
                else decoder.skip(steps[i]);
            }
            out.entriesWritten(out.valueCount());
            try (ColumnVector vector = out.build(decoders.dictionary())) {
                assertThat(vector.isDictionaryEncoded()).isEqualTo(page.keepIds() && page.dictionary() != null);
                List<String> values = new ArrayList<>(vector.valueCount());
                for (int i = 0; i < vector.valueCount(); i++) values.add(HexFormat.of().formatHex(vector.getByteArray(i)));
                return values;
            }
        }
    }

    private static Page plainFixed(PhysicalType type, int width, int count, Random random) {
        List<byte[]> values = randomValues(count, random, r -> bytes(r, width));
        ValuesWriter writer = type == PhysicalType.FIXED_LEN_BYTE_ARRAY
                ? new FixedLenByteArrayPlainValuesWriter(width, 64, 1 << 20, allocator())
                : new PlainValuesWriter(64, 1 << 20, allocator());
        for (byte[] value : values) {
            // PLAIN fixed widths are the little-endian bytes themselves
            if (type == PhysicalType.FIXED_LEN_BYTE_ARRAY) writer.writeBytes(Binary.fromConstantByteArray(value));
            else for (byte b : value) writer.writeByte(b);
        }
        return page("PLAIN " + type, column(type, width), Encoding.PLAIN, writer, values);
    }

    private static Page plainBooleans(int count, Random random) {
        BooleanPlainValuesWriter writer = new BooleanPlainValuesWriter();
        return booleans("PLAIN BOOLEAN", Encoding.PLAIN, writer, count, random);
    }

    private static Page rleBooleans(int count, Random random) {
        RunLengthBitPackingHybridValuesWriter writer = new RunLengthBitPackingHybridValuesWriter(1, 64, 1 << 20, allocator());
        return booleans("RLE BOOLEAN", Encoding.RLE, writer, count, random);
    }

    private static Page booleans(String name, Encoding encoding, ValuesWriter writer, int count, Random random) {
        List<byte[]> values = new ArrayList<>();
        boolean current = false;
        for (int i = 0; i < count; i++) {
            // runs and noise, so both kinds of RLE run occur
            current = random.nextInt(10) == 0 != current;
            boolean value = i % 300 < 150 ? current : random.nextBoolean();
            writer.writeBoolean(value);
            values.add(new byte[] {(byte) (value ? 1 : 0)});
        }
        return page(name + " " + count, column(PhysicalType.BOOLEAN, 0), encoding, writer, values);
    }

    private static Page plainByteArrays(int count, Random random) {
        return byteArrays(Encoding.PLAIN, count, random, () -> new PlainValuesWriter(64, 1 << 20, allocator()));
    }

    private static Page byteArrays(Encoding encoding, int count, Random random, Supplier<ValuesWriter> writers) {
        // shared prefixes (DELTA_BYTE_ARRAY's case), empty values and long ones
        List<byte[]> values = randomValues(count, random, r -> {
            byte[] suffix = bytes(r, r.nextInt(5) == 0 ? 0 : r.nextInt(40));
            byte[] prefix = ("key-" + r.nextInt(20)).getBytes();
            byte[] value = new byte[prefix.length + suffix.length];
            System.arraycopy(prefix, 0, value, 0, prefix.length);
            System.arraycopy(suffix, 0, value, prefix.length, suffix.length);
            return r.nextInt(50) == 0 ? bytes(r, 300) : value;
        });
        values.sort(Arrays::compareUnsigned);
        ValuesWriter writer = writers.get();
        for (byte[] value : values) writer.writeBytes(Binary.fromConstantByteArray(value));
        return page(encoding + " BYTE_ARRAY " + count, column(PhysicalType.BYTE_ARRAY, 0), encoding, writer, values);
    }

    private static Page fixedDeltaByteArray(int width, int count, Random random) {
        List<byte[]> values = randomValues(count, random, r -> {
            byte[] value = bytes(r, width);
            value[0] = (byte) r.nextInt(3);
            return value;
        });
        values.sort(Arrays::compareUnsigned);
        DeltaByteArrayWriter writer = new DeltaByteArrayWriter(64, 1 << 20, allocator());
        for (byte[] value : values) writer.writeBytes(Binary.fromConstantByteArray(value));
        return page("DELTA_BYTE_ARRAY FIXED_LEN_BYTE_ARRAY " + count, column(PhysicalType.FIXED_LEN_BYTE_ARRAY, width),
                Encoding.DELTA_BYTE_ARRAY, writer, values);
    }

    private static Page deltaBinaryPacked(PhysicalType type, int count, Random random) {
        boolean ints = type == PhysicalType.INT32;
        ValuesWriter writer = ints ? new DeltaBinaryPackingValuesWriterForInteger(128, 4, 64, 1 << 20, allocator())
                : new DeltaBinaryPackingValuesWriterForLong(128, 4, 64, 1 << 20, allocator());
        List<byte[]> values = new ArrayList<>();
        long value = random.nextLong();
        for (int i = 0; i < count; i++) {
            // small steps with outliers, so miniblock widths vary
            value += random.nextInt(20) == 0 ? random.nextLong() : random.nextInt(1000) - 300;
            if (ints) {
                writer.writeInteger((int) value);
                values.add(littleEndian((int) value, 4));
            } else {
                writer.writeLong(value);
                values.add(littleEndian(value, 8));
            }
        }
        return page("DELTA_BINARY_PACKED " + type + " " + count, column(type, 0), Encoding.DELTA_BINARY_PACKED, writer, values);
    }

    private static Page byteStreamSplit(PhysicalType type, int width, int count, Random random,
                                        Supplier<ValuesWriter> writers) {
        List<byte[]> values = randomValues(count, random, r -> bytes(r, width));
        ValuesWriter writer = writers.get();
        for (byte[] value : values) {
            switch (type) {
                case FLOAT -> writer.writeInteger((int) fromLittleEndian(value));
                case INT64 -> writer.writeLong(fromLittleEndian(value));
                default -> writer.writeBytes(Binary.fromConstantByteArray(value));
            }
        }
        return page("BYTE_STREAM_SPLIT " + type + " " + count, column(type, width), Encoding.BYTE_STREAM_SPLIT, writer,
                values);
    }

    /** Ids in runs and noise over a PLAIN dictionary page. */
    private static Page dictionaryIds(PhysicalType type, int count, Random random, boolean keepIds) {
        int size = 1 + random.nextInt(300);
        PlainValuesWriter dictionaryWriter = new PlainValuesWriter(64, 1 << 20, allocator());
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] entry = type == PhysicalType.BYTE_ARRAY ? bytes(random, random.nextInt(20)) : littleEndian(random.nextInt(), 4);
            entries.add(entry);
            if (type == PhysicalType.BYTE_ARRAY) dictionaryWriter.writeBytes(Binary.fromConstantByteArray(entry));
            else for (byte b : entry) dictionaryWriter.writeByte(b);
        }
        int bitWidth = 32 - Integer.numberOfLeadingZeros(size - 1);
        List<byte[]> values = new ArrayList<>();
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.write(bitWidth);
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, allocator())) {
            int id = 0;
            for (int i = 0; i < count; i++) {
                if (random.nextInt(8) == 0 || i % 200 >= 100) id = random.nextInt(size);
                encoder.writeInt(id);
                values.add(entries.get(id));
            }
            page.writeBytes(ParquetBytes.of(encoder.toBytes()));
            return new Page("RLE_DICTIONARY " + type + (keepIds ? " kept " : " materialised ") + count,
                    column(type, 4), Encoding.RLE_DICTIONARY, page.toByteArray(), hex(values),
                    ParquetBytes.of(dictionaryWriter.getBytes()), size, keepIds);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Page page(String name, ColumnDescriptor column, Encoding encoding, ValuesWriter writer, List<byte[]> values) {
        try (writer) {
            return new Page(name + " " + values.size(), column, encoding, ParquetBytes.of(writer.getBytes()), hex(values), null, 0,
                    false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> randomValues(int count, Random random, Function<Random, byte[]> value) {
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) values.add(value.apply(random));
        return values;
    }

    private static List<String> hex(List<byte[]> values) {
        return values.stream().map(HexFormat.of()::formatHex).toList();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] littleEndian(long value, int width) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) bytes[i] = (byte) (value >>> (8 * i));
        return bytes;
    }

    private static long fromLittleEndian(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < bytes.length; i++) value |= (bytes[i] & 0xFFL) << (8 * i);
        return value;
    }

    static ColumnDescriptor column(PhysicalType type, int length) {
        return new ColumnDescriptor(0, "x", List.of("x"), type, length, FieldRepetitionType.REQUIRED, 0, 0, null, null, 0, 0,
                List.of(FieldRepetitionType.REQUIRED));
    }

    private static HeapByteBufferAllocator allocator() {
        return HeapByteBufferAllocator.getInstance();
    }
}
