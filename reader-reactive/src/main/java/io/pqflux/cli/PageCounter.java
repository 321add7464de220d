package io.pqflux.cli;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.format.thrift.CompactReader;
import io.pqflux.format.thrift.PageHeaderDecoder;
import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Counts the pages of a column chunk by walking its page headers without decompressing anything. It
 * stops where the reader stops: once the data pages hold the chunk's num_values, or at the end of the chunk.
 */
final class PageCounter {

    /** Page counts of one chunk by kind; V1 and V2 data pages are counted together. */
    record PageCounts(long dictionary, long data, long index) {

        long total() {
            return dictionary + data + index;
        }
    }

    private PageCounter() {
    }

    static PageCounts count(InputFile file, ColumnMetaData meta, SourceLocation where) {
        long start = meta.chunkStart();
        long dictionary = 0, data = 0, index = 0, values = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment chunk = file.read(start, meta.totalCompressedSize(), arena);
            long position = 0;
            while (values < meta.numValues() && position < chunk.byteSize()) {
                CompactReader reader = new CompactReader(chunk.asSlice(position), start + position, where);
                PageHeader header = PageHeaderDecoder.read(reader);
                long bodyStart = position + reader.position();
                long left = chunk.byteSize() - bodyStart;
                if (header.compressedPageSize() < 0 || header.compressedPageSize() > left) {
                    throw new CorruptFileException("page declares " + header.compressedPageSize()
                            + " compressed bytes but the column chunk has " + left + " left", where.withOffset(start + position));
                }
                position = bodyStart + header.compressedPageSize();
                switch (header.type()) {
                    case DICTIONARY_PAGE -> dictionary++;
                    case INDEX_PAGE -> index++;
                    case DATA_PAGE -> {
                        data++;
                        if (header.dataPageHeader() != null) values += header.dataPageHeader().numValues();
                    }
                    case DATA_PAGE_V2 -> {
                        data++;
                        if (header.dataPageHeaderV2() != null) values += header.dataPageHeaderV2().numValues();
                    }
                }
            }
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
        return new PageCounts(dictionary, data, index);
    }

}
