package io.pqflux.internal.decode.values;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.column.ColumnVector;
import io.pqflux.error.ParquetException;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.decode.ColumnBuffers;
import io.pqflux.internal.decode.DecodeOptions;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Each value encoding's decoder on a data page of arbitrary bytes, through {@link ValueDecoders} as a column
 * chunk's decoding opens them: the page's values read and skipped in runs, then built into a vector and every value
 * read back. One target per encoding, so each keeps a corpus of its own.
 *
 * <p>Input: byte 0 picks the physical type among those the encoding is defined for, byte 1 a FIXED_LEN_BYTE_ARRAY's
 * width (1 to 32), bytes 2-3 the page's non-null value count (1 to 65,536, big-endian), byte 4 seeds the runs read
 * and skipped (and whether ids are kept for a dictionary), the rest is the page; for dictionary pages it starts with
 * the dictionary's entry count and byte length (two bytes each) and its PLAIN bytes. Seeds: pages parquet-java wrote.
 */
class ValueDecoderFuzzTest {

    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(16, ParquetException.class);
    private static final int HEADER = 5;

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void plain(byte[] input) {
        decode(Encoding.PLAIN, input, PhysicalType.values());
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void rleBooleans(byte[] input) {
        decode(Encoding.RLE, input, PhysicalType.BOOLEAN);
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void dictionary(byte[] input) {
        decode(Encoding.RLE_DICTIONARY, input, PhysicalType.values());
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void deltaBinaryPacked(byte[] input) {
        decode(Encoding.DELTA_BINARY_PACKED, input, PhysicalType.INT32, PhysicalType.INT64);
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void deltaLengthByteArray(byte[] input) {
        decode(Encoding.DELTA_LENGTH_BYTE_ARRAY, input, PhysicalType.BYTE_ARRAY);
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void deltaByteArray(byte[] input) {
        decode(Encoding.DELTA_BYTE_ARRAY, input, PhysicalType.BYTE_ARRAY, PhysicalType.FIXED_LEN_BYTE_ARRAY);
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void byteStreamSplit(byte[] input) {
        decode(Encoding.BYTE_STREAM_SPLIT, input, PhysicalType.FLOAT, PhysicalType.DOUBLE, PhysicalType.INT32,
                PhysicalType.INT64, PhysicalType.FIXED_LEN_BYTE_ARRAY);
    }

    private static void decode(Encoding encoding, byte[] input, PhysicalType... types) {
        if (input.length < HEADER) return;
        ByteBuffer bytes = ByteBuffer.wrap(input);
        PhysicalType type = types[(bytes.get() & 0xFF) % types.length];
        int width = (bytes.get() & 0xFF) % 32 + 1;
        int nonNull = (bytes.getShort() & 0xFFFF) + 1;
        SplittableRandom runs = new SplittableRandom(bytes.get());
        ColumnDescriptor column = ValueDecoderSkipTest.column(type, type == PhysicalType.FIXED_LEN_BYTE_ARRAY ? width : 0);
        // Each value may be as long as the whole page: DELTA_BYTE_ARRAY repeats prefixes of the value before it.
        long justified = input.length + (long) nonNull * Math.max(16, type == PhysicalType.BYTE_ARRAY
                || encoding == Encoding.DELTA_BYTE_ARRAY ? input.length : column.valueWidth());
        INVARIANTS.check(justified, () -> {
            try (ColumnBuffers out = new ColumnBuffers(column, DecodeOptions.DEFAULT.maxColumnBytes(), runs.nextBoolean());
                 ValueDecoders decoders = new ValueDecoders(column, Kernels.active())) {
                if (encoding.isDictionary()) readDictionary(decoders, bytes);
                decoders.requireDecodable(encoding);
                MemorySegment page = MemorySegment.ofArray(input);
                ValueDecoder decoder = decoders.open(encoding, page, bytes.position(), input.length, nonNull, out, false);
                for (int left = nonNull; left > 0; ) {
                    int run = 1 + runs.nextInt(left);
                    if (runs.nextBoolean()) decoder.read(run, out);
                    else decoder.skip(run);
                    left -= run;
                }
                out.entriesWritten(out.valueCount());
                try (ColumnVector vector = out.build(decoders.dictionary())) {
                    for (int i = 0; i < vector.valueCount(); i++) vector.getByteArray(i);
                }
            }
        });
    }

    /** The dictionary page the input starts with: entry count, byte length, PLAIN bytes. */
    private static void readDictionary(ValueDecoders decoders, ByteBuffer bytes) {
        if (bytes.remaining() < 4) return;
        int entries = bytes.getShort() & 0xFFFF;
        int length = Math.min(bytes.getShort() & 0xFFFF, bytes.remaining());
        MemorySegment dictionary = MemorySegment.ofArray(bytes.array()).asSlice(bytes.position(), length);
        bytes.position(bytes.position() + length);
        decoders.readDictionary(new DictionaryPageHeader(entries, Encoding.PLAIN, null), dictionary);
    }
}
