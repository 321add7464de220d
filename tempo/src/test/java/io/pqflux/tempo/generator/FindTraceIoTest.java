package io.pqflux.tempo.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ReadOptions;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceLookup;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.internal.lookup.BlockLookup;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The I/O goal of FindTraceByID: bytes read ≤ 1.2 × the bytes that must be read, on a generated block of many
 * row groups. The reference comes from parquet-java's view of the file: the footer (with its 8-byte tail), the
 * {@code TraceID} column index and every column's offset index of the row's row group, and per column the data page
 * holding the row plus the chunk's dictionary page. Each request of the lookup is classified against the file layout,
 * so the report says which extra reads dominate.
 */
@ExtendWith(OffHeapReleased.class)
class FindTraceIoTest {

    private static final long SEED = 11L;
    private static final int TRACES = 2000;
    private static final int SAMPLES = 20;

    @TempDir
    static Path root;
    private static TempoBlockWriter.WrittenBlock written;
    private static List<Trace> all;
    private static Layout layout;

    @BeforeAll
    static void generate() throws IOException {
        TempoBlockWriter.Settings settings = TempoBlockWriter.Settings.defaults(SEED)
                .withRowGroupSizeBytes(768 << 10).withPageSizeBytes(4 << 10);
        long started = System.nanoTime();
        written = TempoBlockWriter.generate(root, settings, SEED, TRACES);
        System.out.printf("I/O block written in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        all = TempoBlock.open(written.directory()).traces(TraceReadOptions.defaults().withPreset(TracePreset.SUMMARY))
                .collectList().block(Duration.ofMinutes(1));
        layout = Layout.of(written.directory().resolve("data.parquet"));
    }

    @Test
    void bytesReadStayNearThePagesHoldingTheRow() {
        TempoBlock warmBlock = TempoBlock.open(written.directory());
        double worstCold = 0, worstWarm = 0, sumCold = 0, sumWarm = 0;
        Map<String, Long> extra = new TreeMap<>();
        for (int s = 0; s < SAMPLES; s++) {
            int index = (int) ((long) s * (TRACES - 1) / (SAMPLES - 1));
            TraceId id = TraceId.of(all.get(index).traceId());
            Reference reference = layout.reference(index);
            // cold: a block opened for this lookup parses the footer; warm: the footer comes from the block's cache
            TraceLookup cold = TempoBlock.open(written.directory()).findTrace(id, TracePreset.FULL, Long.MAX_VALUE).block();
            warmBlock.findTrace(id, TracePreset.FULL, Long.MAX_VALUE).block(); // first use fills the cache
            TraceLookup warm = warmBlock.findTrace(id, TracePreset.FULL, Long.MAX_VALUE).block();
            assertTrue(cold.trace().isPresent() && warm.trace().isPresent());
            double coldRatio = (double) cold.bytesRead() / (reference.pages + reference.pageIndex + layout.footerBytes);
            double warmRatio = (double) warm.bytesRead() / (reference.pages + reference.pageIndex);
            worstCold = Math.max(worstCold, coldRatio);
            worstWarm = Math.max(worstWarm, warmRatio);
            sumCold += coldRatio;
            sumWarm += warmRatio;
            if (s == 0 || s == SAMPLES / 2) {
                System.out.printf("row %d (row group %d): reference pages %d (dictionaries %d) + page index %d + footer %d; cold read %d bytes"
                                + " in %d requests (ratio %.2f), warm %d bytes in %d requests (ratio %.2f)%n", index,
                        reference.rowGroup, reference.pages, reference.dictionaries, reference.pageIndex, layout.footerBytes, cold.bytesRead(),
                        cold.requests(), coldRatio, warm.bytesRead(), warm.requests(), warmRatio);
            }
            // what the reader does guarantee: the trace-ID search reads TraceID pages and their offset index, then the
            // row read stays within the row's group and its page index (plus the footer when cold)
            BlockMetaData rowGroup = layout.rowGroups.get(reference.rowGroup);
            ColumnChunkMetaData traceIds = rowGroup.getColumns().getFirst();
            long search = traceIds.getTotalSize() + traceIds.getOffsetIndexReference().getLength();
            long bound = rowGroup.getCompressedSize() + reference.pageIndex + search;
            assertTrue(warm.bytesRead() <= bound, warm.bytesRead() + " > " + bound);
            assertTrue(cold.bytesRead() <= bound + 2 * layout.footerBytes, "cold " + cold.bytesRead());
            classify(id, reference, extra);
        }
        System.out.printf("FindTraceByID I/O over %d lookups: cold ratio mean %.2f max %.2f; warm ratio mean %.2f max %.2f%n",
                SAMPLES, sumCold / SAMPLES, worstCold, sumWarm / SAMPLES, worstWarm);
        System.out.println("bytes read beyond the reference, by kind, summed over the cold lookups: " + extra);
    }

    /** Runs a cold lookup through a recording file and adds every byte outside the reference to its kind. */
    private static void classify(TraceId id, Reference reference, Map<String, Long> extra) {
        List<long[]> requests = new ArrayList<>();
        Path data = written.directory().resolve("data.parquet");
        TempoBlock block = TempoBlock.open(written.directory());
        try (InputFile file = new Recording(MappedInputFile.open(data), requests)) {
            // a fresh footer cache, as a newly opened TempoBlock has: the lookup's two readers parse the footer once
            ReadOptions options = ReadOptions.defaults().withFooterCache(FooterCache.ofMaxBytes(64L << 20));
            TraceLookup lookup = BlockLookup.findInData(file, id.bytes(), options, 0, schema -> new Vp4TraceMapper(
                    data.toString(), schema, TracePreset.FULL, block.meta().dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                    block.meta().dedicatedSlots(DedicatedColumn.Scope.SPAN), Long.MAX_VALUE), TraceForm.OBJECTS);
            assertTrue(lookup.trace().isPresent());
        }
        long footerRead = 0;
        for (long[] request : requests) {
            if (request[0] >= layout.footerStart) footerRead += request[1];
            for (long at = request[0], end = request[0] + request[1]; at < end; ) {
                String kind = layout.kind(at, reference);
                long next = Math.min(end, layout.regionEnd(at, reference));
                if (!kind.isEmpty()) extra.merge(kind, next - at, Long::sum);
                at = next;
            }
        }
        extra.merge("footer bytes beyond one read of it", footerRead - layout.footerBytes, Long::sum);
    }

    /** Bytes that must be read for one row. */
    private record Reference(int rowGroup, long row, long pages, long dictionaries, long pageIndex, List<long[]> neededRanges) {
    }

    /** The file as parquet-java sees it: row groups, chunks, page and index locations. */
    private record Layout(long size, long footerBytes, List<BlockMetaData> rowGroups, List<List<OffsetIndex>> offsetIndexes,
                          long columnIndexStart, long offsetIndexStart, long footerStart) {

        static Layout of(Path data) throws IOException {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(data),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
                List<BlockMetaData> groups = reader.getFooter().getBlocks();
                List<List<OffsetIndex>> indexes = new ArrayList<>();
                long ciStart = Long.MAX_VALUE, oiStart = Long.MAX_VALUE;
                for (BlockMetaData group : groups) {
                    List<OffsetIndex> chunkIndexes = new ArrayList<>();
                    for (ColumnChunkMetaData chunk : group.getColumns()) {
                        chunkIndexes.add(reader.readOffsetIndex(chunk));
                        ciStart = Math.min(ciStart, chunk.getColumnIndexReference().getOffset());
                        oiStart = Math.min(oiStart, chunk.getOffsetIndexReference().getOffset());
                    }
                    indexes.add(chunkIndexes);
                }
                long size = java.nio.file.Files.size(data);
                long footerStart = size - 8 - written.footerSize();
                return new Layout(size, written.footerSize() + 8L, groups, indexes, ciStart, oiStart, footerStart);
            }
        }

        Reference reference(int globalRow) {
            int group = 0;
            long row = globalRow;
            while (row >= rowGroups.get(group).getRowCount()) row -= rowGroups.get(group++).getRowCount();
            long pages = 0, dictionaries = 0, pageIndex = 0;
            List<long[]> needed = new ArrayList<>();
            List<ColumnChunkMetaData> chunks = rowGroups.get(group).getColumns();
            for (int c = 0; c < chunks.size(); c++) {
                ColumnChunkMetaData chunk = chunks.get(c);
                OffsetIndex pagesOfChunk = offsetIndexes.get(group).get(c);
                int page = 0;
                while (page + 1 < pagesOfChunk.getPageCount() && pagesOfChunk.getFirstRowIndex(page + 1) <= row) page++;
                pages += pagesOfChunk.getCompressedPageSize(page);
                needed.add(new long[] {pagesOfChunk.getOffset(page), pagesOfChunk.getCompressedPageSize(page)});
                if (chunk.hasDictionaryPage()) {
                    long dictionary = chunk.getFirstDataPageOffset() - chunk.getDictionaryPageOffset();
                    pages += dictionary;
                    dictionaries += dictionary;
                    needed.add(new long[] {chunk.getDictionaryPageOffset(), dictionary});
                }
                pageIndex += chunk.getOffsetIndexReference().getLength();
                needed.add(new long[] {chunk.getOffsetIndexReference().getOffset(), chunk.getOffsetIndexReference().getLength()});
                if (chunk.getPath().toDotString().equals("TraceID")) {
                    pageIndex += chunk.getColumnIndexReference().getLength();
                    needed.add(new long[] {chunk.getColumnIndexReference().getOffset(), chunk.getColumnIndexReference().getLength()});
                }
            }
            return new Reference(group, row, pages, dictionaries, pageIndex, needed);
        }

        /** "" for a byte the reference needs, else what it belongs to. */
        String kind(long at, Reference reference) {
            for (long[] range : reference.neededRanges) if (at >= range[0] && at < range[0] + range[1]) return "";
            if (at >= footerStart) return "";
            if (at < 4) return "leading magic";
            if (at >= offsetIndexStart) return "offset index of other row groups";
            if (at >= columnIndexStart) return "column index (other than TraceID of the row's group)";
            BlockMetaData group = rowGroups.get(reference.rowGroup);
            long groupStart = group.getColumns().getFirst().getStartingPos();
            long groupEnd = group.getColumns().getLast().getStartingPos() + group.getColumns().getLast().getTotalSize();
            if (at >= groupStart && at < groupEnd) {
                for (ColumnChunkMetaData chunk : group.getColumns()) {
                    if (at >= chunk.getStartingPos() && at < chunk.getStartingPos() + chunk.getTotalSize()) {
                        return chunk.getPath().toDotString().equals("TraceID") ? "other TraceID pages of the row's group"
                                : "other pages of the row's group (gaps read through between the row's pages)";
                    }
                }
            }
            return "pages of other row groups";
        }

        /** The next offset after {@code at} where the classification can change. */
        long regionEnd(long at, Reference reference) {
            java.util.TreeSet<Long> boundaries = new java.util.TreeSet<>(List.of(footerStart, offsetIndexStart, columnIndexStart, size));
            for (long[] range : reference.neededRanges) {
                boundaries.add(range[0]);
                boundaries.add(range[0] + range[1]);
            }
            for (ColumnChunkMetaData chunk : rowGroups.get(reference.rowGroup).getColumns()) {
                boundaries.add(chunk.getStartingPos());
                boundaries.add(chunk.getStartingPos() + chunk.getTotalSize());
            }
            return boundaries.higher(at);
        }
    }

    /** Records every request made through it. */
    private record Recording(InputFile file, List<long[]> requests) implements InputFile {
        @Override
        public String name() {
            return file.name();
        }

        @Override
        public long length() {
            return file.length();
        }

        @Override
        public FileIdentity identity() {
            return file.identity();
        }

        @Override
        public MemorySegment read(long offset, long length, Arena arena) {
            requests.add(new long[] {offset, length});
            return file.read(offset, length, arena);
        }

        @Override
        public void close() {
            file.close();
        }
    }

    @Test
    void referenceIsBelowTheRowGroup() {
        Reference reference = layout.reference(TRACES / 2);
        long groupBytes = layout.rowGroups.get(reference.rowGroup).getCompressedSize();
        assertTrue(layout.rowGroups.size() >= 4, "row groups: " + layout.rowGroups.size());
        assertTrue(reference.pages < groupBytes, reference.pages + " of " + groupBytes);
        assertEquals(103, layout.rowGroups.getFirst().getColumns().size());
        int pages = layout.offsetIndexes.get(reference.rowGroup).stream().mapToInt(OffsetIndex::getPageCount).sum();
        System.out.printf("I/O block: %d bytes, %d row groups; row group %d: %d bytes in %d pages, the row's pages %d bytes%n",
                layout.size, layout.rowGroups.size(), reference.rowGroup, groupBytes, pages, reference.pages);
    }
}
