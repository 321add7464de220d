package io.pqflux.cli;

import io.pqflux.internal.bloom.BloomFilterReader;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.internal.format.PageIndexReader;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.format.meta.Statistics;
import io.pqflux.io.InputFile;
import io.pqflux.internal.page.PageHeaderWalker;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The optional parts of {@code inspect} for one column chunk: every page header ({@code --pages}), the column
 * and offset index ({@code --index}), the bloom filter header ({@code --bloom}). A part that cannot be read
 * carries the reason instead, so one bad chunk (or one whose key is not given) does not hide the rest.
 *
 * @param pages      page headers in file order, or null when not asked for or unreadable
 * @param index      the page index, or null when not asked for or unreadable (its members are null when absent)
 * @param bloom      the bloom filter's location and header, or null when not asked for, absent or unreadable
 */
record ChunkDetails(Set<Part> parts, List<PageEntry> pages, String pagesError, PageIndex index, String indexError,
                    BloomFilterReader.Location bloom, String bloomError) {

    enum Part { PAGES, INDEX, BLOOM }

    /** A page header, where it starts, and its statistics as inspect shows statistics. */
    record PageEntry(long offset, PageHeader header, InspectReport.StatisticsReport statistics) {
    }

    record PageIndex(ColumnChunk chunk, ColumnIndex columnIndex, OffsetIndex offsetIndex) {
    }

    /**
     * @param decryptor the chunk's decryptor when it is encrypted and its key known, else null
     * @param keyError  why an encrypted chunk cannot be decrypted, or null: every part then shows it
     */
    static ChunkDetails of(InputFile file, ColumnDescriptor column, ColumnChunk chunk, ColumnDecryptor decryptor, String keyError,
                           SourceLocation where, Set<Part> parts) {
        if (keyError != null) {
            return new ChunkDetails(parts, null, parts.contains(Part.PAGES) ? keyError : null, null,
                    parts.contains(Part.INDEX) ? keyError : null, null, parts.contains(Part.BLOOM) ? keyError : null);
        }
        ColumnMetaData meta = chunk.metaData();
        List<PageEntry> pages = null;
        PageIndex index = null;
        BloomFilterReader.Location bloom = null;
        String pagesError = null, indexError = null, bloomError = null;
        if (parts.contains(Part.PAGES)) {
            try {
                pages = pages(file, meta, column, decryptor, where);
            } catch (ParquetException e) {
                pagesError = e.reason();
            }
        }
        if (parts.contains(Part.INDEX)) {
            try {
                index = new PageIndex(chunk, PageIndexReader.columnIndex(file, chunk, decryptor, where),
                        PageIndexReader.offsetIndex(file, chunk, decryptor, where));
            } catch (ParquetException e) {
                indexError = e.reason();
            }
        }
        if (parts.contains(Part.BLOOM)) {
            try (Arena arena = Arena.ofConfined()) {
                bloom = BloomFilterReader.locate(file, meta, decryptor, arena, where);
            } catch (ParquetException e) {
                bloomError = e.reason();
            }
        }
        return new ChunkDetails(parts, pages, pagesError, index, indexError, bloom, bloomError);
    }

    private static List<PageEntry> pages(InputFile file, ColumnMetaData meta, ColumnDescriptor column, ColumnDecryptor decryptor,
                                         SourceLocation where) {
        List<PageEntry> pages = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            long start = meta.chunkStart();
            PageHeaderWalker walker = new PageHeaderWalker(file.read(start, meta.totalCompressedSize(), arena), start,
                    meta.numValues(), decryptor == null ? null : new PageHeaderWalker.Encryption(decryptor, meta.dataPageOffset()),
                    where);
            for (PageHeaderWalker.RawPage page = walker.next(); page != null; page = walker.next()) {
                pages.add(new PageEntry(page.fileOffset(), page.header(),
                        InspectReport.statistics(statisticsOf(page.header()), column)));
            }
        }
        return pages;
    }

    private static Statistics statisticsOf(PageHeader header) {
        return switch (header.type()) {
            case DATA_PAGE -> header.dataPageHeader().statistics();
            case DATA_PAGE_V2 -> header.dataPageHeaderV2().statistics();
            case DICTIONARY_PAGE, INDEX_PAGE -> null;
        };
    }
}
