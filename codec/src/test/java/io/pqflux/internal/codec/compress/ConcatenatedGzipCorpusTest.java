package io.pqflux.internal.codec.compress;

import io.pqflux.codec.CompressionCodec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.internal.codec.encoding.LittleEndian;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** parquet-testing's file whose only data page holds two gzip members back to back. */
class ConcatenatedGzipCorpusTest {

    // Read off the file's single DATA_PAGE_V2 header at offset 4: compressed page size 1419 and
    // uncompressed 4107, each including 3 uncompressed definition-level bytes, which end at offset 55.
    private static final int VALUES_OFFSET = 55;
    private static final int COMPRESSED_VALUES = 1419 - 3;
    private static final int UNCOMPRESSED_VALUES = 4107 - 3;

    @Test
    void decodesBothMembersOfTheCorpusPage() throws Exception {
        Path file = Path.of(System.getProperty("pqflux.testdata"), "parquet-testing/data/concatenated_gzip_members.parquet");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[VALUES_OFFSET] & 0xFF).isEqualTo(0x1f);
        assertThat(bytes[VALUES_OFFSET + 1] & 0xFF).isEqualTo(0x8b);

        MemorySegment input = MemorySegment.ofArray(bytes).asSlice(VALUES_OFFSET, COMPRESSED_VALUES);
        long[] values = new long[UNCOMPRESSED_VALUES / 8];
        try (Decompressor gzip = Decompressors.create(CompressionCodec.GZIP)) {
            gzip.decompress(input, MemorySegment.ofArray(values));
        }
        MemorySegment out = MemorySegment.ofArray(values);
        for (int i = 0; i < values.length; i++) assertThat(out.getAtIndex(LittleEndian.LONG, i)).as("value %d", i).isEqualTo(i + 1);
    }
}
