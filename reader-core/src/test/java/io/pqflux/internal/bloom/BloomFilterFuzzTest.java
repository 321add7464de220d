package io.pqflux.internal.bloom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.codec.CompressionCodec;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.SplitBlockBloomFilter;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.io.BytesInputFile;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A column chunk's bloom filter of arbitrary bytes: its Thrift header (algorithm, hash, compression, bitset
 * size), located, read and probed as filtering does. Input: byte 0's low bit says whether the footer states the
 * filter's length (bloom_filter_length) or the reader must find the header's end itself; the rest is the filter.
 * Seeds: the bloom filters of parquet-testing's files with and without bloom_filter_length.
 */
class BloomFilterFuzzTest {

    /** The filter is a view of the input: a header and a bitset the input holds. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(64, ParquetException.class);
    private static final SourceLocation WHERE = SourceLocation.ofFile("fuzzed.parquet");

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void bloomFilter(byte[] input) {
        if (input.length < 1) return;
        boolean lengthStated = (input[0] & 1) != 0;
        byte[] filterBytes = Arrays.copyOfRange(input, 1, input.length);
        ColumnMetaData meta = chunkWithBloomFilterAtZero(lengthStated ? filterBytes.length : null);
        INVARIANTS.check(input.length, () -> {
            try (Arena arena = Arena.ofConfined()) {
                BytesInputFile file = new BytesInputFile("fuzzed.parquet", filterBytes);
                BloomFilterReader.Location location = BloomFilterReader.locate(file, meta, null, arena, WHERE);
                SplitBlockBloomFilter filter = location == null ? null : BloomFilterReader.read(file, location, arena, WHERE);
                if (filter != null) {
                    for (long hash = 0; hash < 64; hash++) filter.mightContain(hash * 0x9E3779B97F4A7C15L);
                }
            }
        });
    }

    private static ColumnMetaData chunkWithBloomFilterAtZero(Integer length) {
        return new ColumnMetaData(PhysicalType.BYTE_ARRAY, List.of(), List.of("x"), CompressionCodec.UNCOMPRESSED, 0, 0, 0,
                List.of(), 0, null, null, null, List.of(), 0L, length, null, null);
    }
}
