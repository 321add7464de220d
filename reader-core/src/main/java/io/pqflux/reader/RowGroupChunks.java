package io.pqflux.reader;

import io.pqflux.codec.CompressionCodec;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.error.DecryptionException;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.internal.crypto.FileDecryptor;
import io.pqflux.internal.format.PageIndexReader;
import io.pqflux.internal.page.PageHeaderWalker;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.io.InputFile;
import io.pqflux.internal.page.PageReadOptions;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The column chunks of one row group as a read sees them: checked metadata, locations for errors, and the
 * page indexes, each fetched at most once per read and counted.
 */
final class RowGroupChunks {

    private final InputFile file;
    private final RowGroup rowGroup;
    private final int index;
    private final List<ColumnOrder> columnOrders;
    private final ReadOptions options;
    private final DecompressorPool decompressors;
    private final ReadCounters counters;
    /** The file's decryption, or null for a plaintext file. */
    private final FileDecryptor decryptor;
    /** Offset indexes at most this far apart are fetched with one read. */
    static final long INDEX_GAP = 64 << 10;
    /** The most one read of offset indexes fetches. */
    static final long MAX_INDEX_READ = 8 << 20;

    private final Map<Integer, OffsetIndex> offsetIndexes = new HashMap<>();
    /** Per column, the bytes of its chunk counted as read so far: disjoint intervals, start to end. */
    private final Map<Integer, TreeMap<Long, Long>> countedBytes = new HashMap<>();
    /** Per column whose pages were counted, the data pages counted as decoded so far. */
    private final Map<Integer, DecodedPages> countedPages = new HashMap<>();
    /** Per encrypted column, its chunk's decryptor. */
    private final Map<Integer, ColumnDecryptor> decryptors = new HashMap<>();

    /** @param decryptor the file's decryption, or null for a plaintext file */
    RowGroupChunks(InputFile file, RowGroup rowGroup, int index, List<ColumnOrder> columnOrders, ReadOptions options,
                   DecompressorPool decompressors, ReadCounters counters, FileDecryptor decryptor) {
        this.file = file;
        this.rowGroup = rowGroup;
        this.index = index;
        this.columnOrders = columnOrders;
        this.options = options;
        this.decompressors = decompressors;
        this.counters = counters;
        this.decryptor = decryptor;
    }

    InputFile file() {
        return file;
    }

    int index() {
        return index;
    }

    long rowCount() {
        return rowGroup.numRows();
    }

    ReadOptions options() {
        return options;
    }

    ReadCounters counters() {
        return counters;
    }

    DecompressorPool.Lease decompressor(CompressionCodec codec) {
        return decompressors.lease(codec);
    }

    PageReadOptions pageOptions() {
        return options.pageOptions();
    }

    SourceLocation where(ColumnDescriptor column) {
        return new SourceLocation(file.name(), index, column.dottedPath(), -1);
    }

    /** The column's order from {@code column_orders}, or null when the file has none. */
    ColumnOrder order(ColumnDescriptor column) {
        return columnOrders == null || column.index() >= columnOrders.size() ? null : columnOrders.get(column.index());
    }

    ColumnChunk chunk(ColumnDescriptor column) {
        return rowGroup.columns().get(column.index());
    }

    /**
     * The chunk's metadata, once it is known to be readable here: decryptable when encrypted, not in another file.
     *
     * @throws DecryptionException when the chunk is encrypted with a key that is not available
     */
    ColumnMetaData meta(ColumnDescriptor column) {
        SourceLocation where = where(column);
        ColumnChunk chunk = chunk(column);
        if (chunk.cryptoMetadata() != null) decryptor(column);
        ColumnMetaData meta = chunk.metaData();
        if (meta == null) throw new CorruptFileException("column chunk has no metadata", where);
        if (chunk.filePath() != null) {
            throw new UnsupportedFeatureException("column data in another file (" + chunk.filePath() + ")", where);
        }
        if (meta.totalCompressedSize() < 0) {
            throw new CorruptFileException("negative total_compressed_size " + meta.totalCompressedSize(), where);
        }
        return meta;
    }

    /**
     * The decryptor of the column's chunk, or null when it is plaintext.
     *
     * @throws DecryptionException when the chunk is encrypted with a key that is not available
     */
    synchronized ColumnDecryptor decryptor(ColumnDescriptor column) {
        ColumnChunk chunk = chunk(column);
        if (chunk.cryptoMetadata() == null) return null;
        if (decryptor == null) {
            throw new CorruptFileException("column chunk has crypto metadata but the file declares no encryption algorithm",
                    where(column));
        }
        ColumnDecryptor columnDecryptor = decryptors.get(column.index());
        if (columnDecryptor == null) {
            columnDecryptor = decryptor.column(rowGroup, index, column.index(), column.dottedPath());
            decryptors.put(column.index(), columnDecryptor);
        }
        return columnDecryptor;
    }

    /** How the column chunk's pages are encrypted, or null when they are not. */
    PageHeaderWalker.Encryption pageEncryption(ColumnDescriptor column) {
        ColumnDecryptor columnDecryptor = decryptor(column);
        return columnDecryptor == null ? null : new PageHeaderWalker.Encryption(columnDecryptor, meta(column).dataPageOffset());
    }

    /**
     * Counts bytes {@code [start, end)} of the column's chunk as read, less those counted before: the dictionary page
     * fetched for pruning is fetched again with the chunk, and slices of the row group decode its dictionary and the
     * pages they straddle from one fetch, so counting a byte twice would inflate the bytes read and hide skipped ones.
     */
    synchronized void chunkBytesRead(ColumnDescriptor column, long start, long end) {
        TreeMap<Long, Long> intervals = countedBytes.computeIfAbsent(column.index(), c -> new TreeMap<>());
        long fresh = end - start;
        long mergedStart = start;
        long mergedEnd = end;
        Map.Entry<Long, Long> before = intervals.floorEntry(start);
        long from = before != null && before.getValue() >= start ? before.getKey() : start;
        for (Iterator<Map.Entry<Long, Long>> touching = intervals.subMap(from, true, end, true).entrySet().iterator();
             touching.hasNext(); ) {
            Map.Entry<Long, Long> interval = touching.next();
            fresh -= Math.max(0, Math.min(interval.getValue(), end) - Math.max(interval.getKey(), start));
            mergedStart = Math.min(mergedStart, interval.getKey());
            mergedEnd = Math.max(mergedEnd, interval.getValue());
            touching.remove();
        }
        intervals.put(mergedStart, mergedEnd);
        counters.chunkBytesRead(fresh);
    }

    /**
     * Counts the column chunk's {@code pageCount} data pages once, and of the pages {@code decoded} (numbered from the
     * chunk's first data page; null for every page) those not counted before: slices of the row group decode the
     * pages they straddle, and a chunk without an offset index whole, each time, but each page of the file counts once.
     */
    synchronized void pagesDecoded(ColumnDescriptor column, long pageCount, int[] decoded) {
        DecodedPages counted = countedPages.get(column.index());
        long pages = 0;
        if (counted == null) {
            counted = new DecodedPages(pageCount);
            countedPages.put(column.index(), counted);
            pages = pageCount;
        }
        counters.pages(pages, decoded == null ? counted.markAll() : counted.mark(decoded));
    }

    /** A column chunk's data pages counted as decoded: some, by number, or all of them. */
    private static final class DecodedPages {
        private final long pageCount;
        private final BitSet some = new BitSet();
        private boolean all;

        DecodedPages(long pageCount) {
            this.pageCount = pageCount;
        }

        /** Marks the pages; returns how many were not marked before. */
        long mark(int[] pages) {
            if (all) return 0;
            long fresh = 0;
            for (int page : pages) {
                if (!some.get(page)) {
                    some.set(page);
                    fresh++;
                }
            }
            return fresh;
        }

        /** Marks every page; returns how many were not marked before. */
        long markAll() {
            if (all) return 0;
            all = true;
            return Math.max(0, pageCount - some.cardinality());
        }
    }

    /** The chunk's column index, or null when it has none. */
    ColumnIndex columnIndex(ColumnDescriptor column) {
        ColumnChunk chunk = chunk(column);
        ColumnIndex columnIndex = PageIndexReader.columnIndex(file, chunk, decryptor(column), where(column));
        if (columnIndex != null) counters.indexBytesRead(chunk.columnIndexLength());
        return columnIndex;
    }

    /**
     * The chunk's offset index, or null when it has none; its pages are checked to lie, in order, within the
     * chunk's bytes.
     */
    synchronized OffsetIndex offsetIndex(ColumnDescriptor column) {
        if (offsetIndexes.containsKey(column.index())) return offsetIndexes.get(column.index());
        ColumnChunk chunk = chunk(column);
        OffsetIndex offsets = PageIndexReader.offsetIndex(file, chunk, decryptor(column), where(column));
        if (offsets != null) {
            counters.indexBytesRead(chunk.offsetIndexLength());
            checkPageLocations(column, offsets);
        }
        offsetIndexes.put(column.index(), offsets);
        return offsets;
    }

    /**
     * Fetches the offset indexes of {@code columns} not fetched yet with as few reads as their placement allows: writers
     * put a row group's offset indexes next to each other, so those of a projection usually come in one request
     * instead of one per column (a remote file pays a round trip per request). Ranges closer than
     * {@link #INDEX_GAP} are merged, up to {@link #MAX_INDEX_READ} bytes per read.
     */
    synchronized void prefetchOffsetIndexes(List<ColumnDescriptor> columns) {
        List<ColumnDescriptor> missing = new ArrayList<>();
        for (ColumnDescriptor column : columns) {
            ColumnChunk chunk = chunk(column);
            // an index that lies outside the file is left to offsetIndex(column), which reports it
            if (!offsetIndexes.containsKey(column.index()) && !missing.contains(column)
                    && chunk.offsetIndexOffset() != null && chunk.offsetIndexLength() != null
                    && chunk.offsetIndexOffset() >= 0 && chunk.offsetIndexLength() > 0
                    && chunk.offsetIndexOffset() <= file.length() - chunk.offsetIndexLength()) {
                missing.add(column);
            }
        }
        if (missing.size() < 2) return;
        missing.sort(Comparator.comparingLong(c -> chunk(c).offsetIndexOffset()));
        int first = 0;
        while (first < missing.size()) {
            long start = chunk(missing.get(first)).offsetIndexOffset();
            long end = start + chunk(missing.get(first)).offsetIndexLength();
            int last = first;
            while (last + 1 < missing.size()) {
                ColumnChunk next = chunk(missing.get(last + 1));
                long nextEnd = next.offsetIndexOffset() + next.offsetIndexLength();
                if (next.offsetIndexOffset() - end > INDEX_GAP || Math.max(end, nextEnd) - start > MAX_INDEX_READ) break;
                end = Math.max(end, nextEnd);
                last++;
            }
            if (last > first) readOffsetIndexes(missing.subList(first, last + 1), start, end);
            first = last + 1;
        }
    }

    private void readOffsetIndexes(List<ColumnDescriptor> columns, long start, long end) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = file.read(start, end - start, arena);
            for (ColumnDescriptor column : columns) {
                ColumnChunk chunk = chunk(column);
                OffsetIndex offsets = PageIndexReader.offsetIndex(bytes, start, chunk, decryptor(column), where(column));
                counters.indexBytesRead(chunk.offsetIndexLength());
                checkPageLocations(column, offsets);
                offsetIndexes.put(column.index(), offsets);
            }
        }
    }

    private void checkPageLocations(ColumnDescriptor column, OffsetIndex offsets) {
        ColumnMetaData meta = meta(column);
        long start = meta.chunkStart();
        long end = start + meta.totalCompressedSize();
        long previousEnd = start;
        for (PageLocation page : offsets.pageLocations()) {
            if (page.offset() < previousEnd || page.compressedPageSize() <= 0 || page.offset() > end - page.compressedPageSize()) {
                throw new CorruptFileException("offset index: page at offset " + page.offset() + " of "
                        + page.compressedPageSize() + " bytes is not in order within the column chunk [" + start + ", "
                        + end + ")", where(column).withOffset(page.offset()));
            }
            previousEnd = page.offset() + page.compressedPageSize();
        }
    }
}
