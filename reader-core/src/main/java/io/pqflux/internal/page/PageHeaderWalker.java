package io.pqflux.internal.page;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.format.meta.PageType;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.internal.crypto.ModuleType;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.PageHeaderDecoder;
import java.lang.foreign.MemorySegment;

/**
 * Walks the pages of one column chunk without touching their bodies: parses each header, checks that the
 * page fits in the chunk and carries the header its type needs, and stops once the data pages hold the
 * chunk's {@code num_values}. Every page comes back, index pages included. In an encrypted chunk each header is a GCM
 * module, decrypted here with the AAD of a dictionary page header (a page before the chunk's first data page) or of
 * the data page header of its ordinal; the bodies stay encrypted until {@link PageReader} reads them.
 */
public final class PageHeaderWalker implements RawPageSource {

    /**
     * A page as stored: its header, where the header starts in the file, and the (compressed) body.
     *
     * @param dataPageOrdinal the page's number among the chunk's data pages (the AAD of an encrypted one needs it); -1 for
     *                        other pages and for the pages of a plaintext chunk
     * @param decryptor       the decryptor of an encrypted body, else null
     */
    public record RawPage(PageHeader header, long fileOffset, MemorySegment body, int dataPageOrdinal,
                          ColumnDecryptor decryptor) { }

    /**
     * The decryption of an encrypted chunk's pages.
     *
     * @param dataPageOffset where the chunk's data pages start: a page before it is the dictionary page
     */
    public record Encryption(ColumnDecryptor decryptor, long dataPageOffset) { }

    private final MemorySegment chunk;
    private final long chunkFileOffset;
    private final long expectedValues;
    private final SourceLocation location;
    private final boolean untilEnd;
    private final Encryption encryption;
    private long position;
    private long valuesSeen;
    private int nextDataPageOrdinal;

    /**
     * @param chunk           the compressed bytes of the column chunk
     * @param chunkFileOffset where {@code chunk} starts in the file
     * @param expectedValues  the chunk's {@code num_values}
     */
    public PageHeaderWalker(MemorySegment chunk, long chunkFileOffset, long expectedValues, SourceLocation location) {
        this(chunk, chunkFileOffset, expectedValues, null, 0, location, false);
    }

    /** As {@link #PageHeaderWalker(MemorySegment, long, long, SourceLocation)}, for a chunk encrypted as {@code encryption} says. */
    public PageHeaderWalker(MemorySegment chunk, long chunkFileOffset, long expectedValues, Encryption encryption,
                            SourceLocation location) {
        this(chunk, chunkFileOffset, expectedValues, encryption, 0, location, false);
    }

    private PageHeaderWalker(MemorySegment chunk, long chunkFileOffset, long expectedValues, Encryption encryption,
                             int firstDataPageOrdinal, SourceLocation location, boolean untilEnd) {
        this.chunk = chunk;
        this.chunkFileOffset = chunkFileOffset;
        this.expectedValues = expectedValues;
        this.encryption = encryption;
        this.nextDataPageOrdinal = firstDataPageOrdinal;
        this.location = location;
        this.untilEnd = untilEnd;
    }

    /**
     * Walks a run of whole pages, such as some pages of a chunk read on their own, to the end of {@code pages}
     * rather than to a value count.
     *
     * @param encryption           how the chunk is encrypted, or null when it is not
     * @param firstDataPageOrdinal the number, among the chunk's data pages, of the run's first data page
     */
    public static PageHeaderWalker untilEnd(MemorySegment pages, long pagesFileOffset, Encryption encryption,
                                            int firstDataPageOrdinal, SourceLocation location) {
        return new PageHeaderWalker(pages, pagesFileOffset, Long.MAX_VALUE, encryption, firstDataPageOrdinal, location, true);
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
        boolean dictionary = encryption != null && headerOffset < encryption.dataPageOffset();
        int ordinal = encryption == null || dictionary ? -1 : nextDataPageOrdinal;
        MemorySegment headerBytes = chunk.asSlice(position);
        long headerSize = 0;
        if (encryption != null) {
            ModuleType type = dictionary ? ModuleType.DICTIONARY_PAGE_HEADER : ModuleType.DATA_PAGE_HEADER;
            SourceLocation at = location.withOffset(headerOffset);
            headerSize = encryption.decryptor().moduleSize(headerBytes, headerBytes.byteSize(), type, at);
            headerBytes = MemorySegment.ofArray(encryption.decryptor().decrypt(headerBytes.asSlice(0, headerSize), type, ordinal, at));
        }
        CompactReader reader = new CompactReader(headerBytes, headerOffset, location);
        PageHeader header;
        try {
            header = PageHeaderDecoder.read(reader);
        } catch (ParquetException e) {
            throw e.locatedIn(location.withOffset(headerOffset));
        }
        if (encryption == null) {
            headerSize = reader.position();
        } else if (dictionary != (header.type() == PageType.DICTIONARY_PAGE)) {
            throw corrupt("encrypted page is a " + header.type() + " but lies " + (dictionary ? "before" : "at or after")
                    + " the chunk's first data page (offset " + encryption.dataPageOffset() + ")", headerOffset);
        }
        long bodyStart = position + headerSize;
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
        if (header.isDataPage()) nextDataPageOrdinal++;
        return new RawPage(header, headerOffset, chunk.asSlice(bodyStart, compressedSize), header.isDataPage() ? ordinal : -1,
                encryption == null ? null : encryption.decryptor());
    }

    private CorruptFileException corrupt(String reason, long offset) {
        return new CorruptFileException(reason, location.withOffset(offset));
    }
}
