package io.pqflux.internal.page;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.PageHeaderDecoder;
import java.lang.foreign.MemorySegment;

/**
 * Walks the pages of one column chunk without touching their bodies: parses each header, checks that the
 * page fits in the chunk and carries the header its type needs, and stops once the data pages hold the
 * chunk's {@code num_values}. Every page comes back, index pages included.
 */
public final class PageHeaderWalker implements RawPageSource {

    /** A page as stored: its header, where the header starts in the file, and the (compressed) body. */
    public record RawPage(PageHeader header, long fileOffset, MemorySegment body) { }

    private final MemorySegment chunk;
    private final long chunkFileOffset;
    private final long expectedValues;
    private final SourceLocation location;
    private final boolean untilEnd;
    private long position;
    private long valuesSeen;

    /**
     * @param chunk           the compressed bytes of the column chunk
     * @param chunkFileOffset where {@code chunk} starts in the file
     * @param expectedValues  the chunk's {@code num_values}
     */
    public PageHeaderWalker(MemorySegment chunk, long chunkFileOffset, long expectedValues, SourceLocation location) {
        this(chunk, chunkFileOffset, expectedValues, location, false);
    }

    private PageHeaderWalker(MemorySegment chunk, long chunkFileOffset, long expectedValues, SourceLocation location,
                             boolean untilEnd) {
        this.chunk = chunk;
        this.chunkFileOffset = chunkFileOffset;
        this.expectedValues = expectedValues;
        this.location = location;
        this.untilEnd = untilEnd;
    }

    /**
     * Walks a run of whole pages, such as some pages of a chunk read on their own, to the end of {@code pages}
     * rather than to a value count.
     */
    public static PageHeaderWalker untilEnd(MemorySegment pages, long pagesFileOffset, SourceLocation location) {
        return new PageHeaderWalker(pages, pagesFileOffset, Long.MAX_VALUE, location, true);
    }

    /**
     * The next page, or null once the data pages hold all of the chunk's values (or the run of pages ends).
     * Pages after that may not hold values: they would mean an earlier page declared more values than it
     * holds. A chunk of no values is not looked at (writers leave its offsets pointing anywhere:
     * column_chunk_key_value_metadata.parquet).
     */
    @Override
    public RawPage next() {
        if (untilEnd) return position == chunk.byteSize() ? null : read();
        if (valuesSeen < expectedValues) return read();
        while (expectedValues > 0 && position < chunk.byteSize()) {
            long headerOffset = chunkFileOffset + position;
            if (read().header().dataValues() > 0) {
                throw corrupt("page holds values beyond the column chunk's " + expectedValues, headerOffset);
            }
        }
        return null;
    }

    private RawPage read() {
        long headerOffset = chunkFileOffset + position;
        if (position >= chunk.byteSize()) {
            throw corrupt("column chunk ends after " + valuesSeen + " of its " + expectedValues + " values", headerOffset);
        }
        CompactReader reader = new CompactReader(chunk.asSlice(position), headerOffset, location);
        PageHeader header;
        try {
            header = PageHeaderDecoder.read(reader);
        } catch (ParquetException e) {
            throw e.locatedIn(location.withOffset(headerOffset));
        }
        long bodyStart = position + reader.position();
        long compressedSize = header.compressedPageSize();
        if (compressedSize < 0 || compressedSize > chunk.byteSize() - bodyStart) {
            throw corrupt("page declares " + compressedSize + " compressed bytes but the column chunk has "
                    + (chunk.byteSize() - bodyStart) + " left", headerOffset);
        }
        if (header.uncompressedPageSize() < 0) {
            throw corrupt("negative uncompressed page size " + header.uncompressedPageSize(), headerOffset);
        }
        switch (header.type()) {
            case DICTIONARY_PAGE -> {
                if (header.dictionaryPageHeader() == null) throw corrupt("dictionary page without its header", headerOffset);
            }
            case DATA_PAGE -> {
                if (header.dataPageHeader() == null) throw corrupt("data page without its header", headerOffset);
            }
            case DATA_PAGE_V2 -> {
                if (header.dataPageHeaderV2() == null) throw corrupt("data page V2 without its header", headerOffset);
            }
            case INDEX_PAGE -> { }
        }
        valuesSeen += header.dataValues();
        position = bodyStart + compressedSize;
        return new RawPage(header, headerOffset, chunk.asSlice(bodyStart, compressedSize));
    }

    private CorruptFileException corrupt(String reason, long offset) {
        return new CorruptFileException(reason, location.withOffset(offset));
    }
}
