package io.pqflux.internal.format;

import io.pqflux.testkit.format.ThriftOracleComparator;
import io.pqflux.format.meta.Footer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.internal.thrift.BloomFilterHeaderDecoder;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.PageHeaderDecoder;
import io.pqflux.internal.thrift.PageIndexDecoder;
import io.pqflux.io.MappedInputFile;
import io.pqflux.testdata.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Beyond the footer: every page header of every column chunk, every ColumnIndex, OffsetIndex and bloom
 * filter header in the corpus, decoded by us and by parquet-format-structures, compared field by field.
 */
class ThriftStructsDifferentialTest {

    private static final AtomicLong PAGE_HEADERS = new AtomicLong();
    private static final AtomicLong COLUMN_INDEXES = new AtomicLong();
    private static final AtomicLong OFFSET_INDEXES = new AtomicLong();
    private static final AtomicLong BLOOM_HEADERS = new AtomicLong();

    static Stream<String> unencryptedFiles() {
        return Corpus.parquetTestingFiles().stream().filter(f -> !f.endsWith(".encrypted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unencryptedFiles")
    void structsMatchParquetFormatStructures(String file) throws Exception {
        Path path = Corpus.file(file);
        Footer footer;
        try (MappedInputFile input = MappedInputFile.open(path)) {
            try {
                footer = FooterReader.read(input);
            } catch (RuntimeException unreadableFooter) {
                return; // bad_data footers are covered by the manifest test
            }
            MemorySegment bytes = input.read(0, input.length(), null);
            for (RowGroup rowGroup : footer.metaData().rowGroups()) {
                for (ColumnChunk chunk : rowGroup.columns()) compareChunk(file, bytes, chunk);
            }
        }
    }

    @AfterAll
    static void everyKindWasCompared() {
        assertThat(PAGE_HEADERS.get()).isGreaterThan(10_000);
        assertThat(COLUMN_INDEXES.get()).isGreaterThan(50);
        assertThat(OFFSET_INDEXES.get()).isGreaterThan(50);
        assertThat(BLOOM_HEADERS.get()).isGreaterThanOrEqualTo(2);
    }

    private static void compareChunk(String file, MemorySegment bytes, ColumnChunk chunk) throws IOException {
        if (chunk.columnIndexOffset() != null && chunk.columnIndexLength() != null) {
            compare(file + " column index", bytes, chunk.columnIndexOffset(), chunk.columnIndexLength(),
                    Util::readColumnIndex, PageIndexDecoder::readColumnIndex);
            COLUMN_INDEXES.incrementAndGet();
        }
        if (chunk.offsetIndexOffset() != null && chunk.offsetIndexLength() != null) {
            compare(file + " offset index", bytes, chunk.offsetIndexOffset(), chunk.offsetIndexLength(),
                    Util::readOffsetIndex, PageIndexDecoder::readOffsetIndex);
            OFFSET_INDEXES.incrementAndGet();
        }
        ColumnMetaData meta = chunk.metaData();
        if (meta == null) return;
        if (meta.bloomFilterOffset() != null) {
            long offset = meta.bloomFilterOffset();
            compare(file + " bloom filter header", bytes, offset, bytes.byteSize() - offset,
                    Util::readBloomFilterHeader, BloomFilterHeaderDecoder::read);
            BLOOM_HEADERS.incrementAndGet();
        }
        long position = meta.chunkStart();
        long end = Math.min(bytes.byteSize(), position + meta.totalCompressedSize());
        long values = 0;
        while (position < end && values < meta.numValues()) {
            PageHeader ours = compare(file + " page header at " + position, bytes, position, end - position,
                    Util::readPageHeader, PageHeaderDecoder::read);
            if (ours == null) return;
            PAGE_HEADERS.incrementAndGet();
            if (ours.dataPageHeader() != null) values += ours.dataPageHeader().numValues();
            if (ours.dataPageHeaderV2() != null) values += ours.dataPageHeaderV2().numValues();
            position += headerLength(bytes, position, end) + ours.compressedPageSize();
        }
    }

    private interface OracleReader {
        Object read(InputStream in) throws IOException;
    }

    private static <T> T compare(String what, MemorySegment bytes, long offset, long length, OracleReader oracle,
                                 Function<CompactReader, T> ours) throws IOException {
        MemorySegment slice = bytes.asSlice(offset, length);
        CompactReader reader = new CompactReader(slice, offset, SourceLocation.UNKNOWN);
        Object expected;
        try {
            expected = oracle.read(new ByteArrayInputStream(slice.toArray(ValueLayout.JAVA_BYTE)));
        } catch (IOException oracleRejects) {
            assertThatThrownBy(() -> ours.apply(reader)).as(what + ": the oracle rejects it, so must we")
                    .isInstanceOf(ParquetException.class);
            return null;
        }
        T actual = ours.apply(reader);
        ThriftOracleComparator comparator = new ThriftOracleComparator();
        comparator.compare(what, expected, actual);
        assertThat(comparator.mismatches()).as(what).isEmpty();
        return actual;
    }

    private static long headerLength(MemorySegment bytes, long position, long end) {
        CompactReader reader = new CompactReader(bytes.asSlice(position, end - position), position, SourceLocation.UNKNOWN);
        PageHeaderDecoder.read(reader);
        return reader.position();
    }
}
