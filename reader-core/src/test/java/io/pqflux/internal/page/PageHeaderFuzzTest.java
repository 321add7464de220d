package io.pqflux.internal.page;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.codec.CompressionCodec;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.codec.compress.Decompressor;
import io.pqflux.internal.codec.compress.Decompressors;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Page headers and what the page reader does with them: a column chunk of arbitrary bytes walked page by page
 * (Thrift PageHeader, sizes against the chunk and the configured page limit, CRCs, v2 level sections,
 * decompression), as a file's chunk is read. Input: byte 0 picks the chunk's codec, byte 1 its declared value count
 * (times 16), the rest is the chunk. Seeds: chunks of corpus files, one per codec.
 */
class PageHeaderFuzzTest {

    /** Decompressed pages are bounded by what their codec can expand the input to; the bound is zstd's worst case. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(4096, ParquetException.class);
    private static final SourceLocation WHERE = SourceLocation.ofFile("fuzzed.parquet");
    private static final CompressionCodec[] CODECS = CompressionCodec.values();
    private static final PageReadOptions CHECK_CRC = new PageReadOptions(true, PageReadOptions.DEFAULT.maxPageSize());

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void pages(byte[] input) {
        if (input.length < 2) return;
        CompressionCodec codec = CODECS[(input[0] & 0xFF) % CODECS.length];
        long expectedValues = (input[1] & 0xFFL) * 16;
        MemorySegment chunk = MemorySegment.ofArray(input).asSlice(2);
        INVARIANTS.check(input.length, () -> {
            try (Decompressor decompressor = Decompressors.create(codec);
                 PageReader pages = new PageReader(chunk, 2, codec, decompressor, expectedValues, CHECK_CRC, WHERE)) {
                while (pages.next() != null) {
                    // each page's bytes are checked and decompressed by next(); the values are the decoders' target
                }
            }
        });
    }
}
