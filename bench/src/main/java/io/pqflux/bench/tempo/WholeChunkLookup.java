package io.pqflux.bench.tempo;

import io.pqflux.column.ColumnVector;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.Statistics;
import io.pqflux.io.ByteRange;
import io.pqflux.io.CountingInputFile;
import io.pqflux.io.InputFile;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reader.RowGroupRead;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.bloom.BloomShards;
import io.pqflux.tempo.internal.bloom.TraceIdBloomFilter;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The FindTraceByID baseline: the lookup as Tempo reads a block, whole column chunks, implemented with pqflux's reader
 * over the same block store (local files or S3, the same requests layer as {@link io.pqflux.tempo.TempoBlock}). The
 * same bloom shard decides first; then, in each row group whose {@code TraceID} statistics may hold the ID, the whole
 * {@code TraceID} chunk is read and searched; for the row found, every column chunk of its row group is read whole,
 * one request per chunk, one after the other (Tempo's column iterators each read their chunk). Only the assembly
 * takes a shortcut in the baseline's favour: from those bytes only the pages holding the row are decoded (located
 * through the offset indexes, which this read adds to Tempo's), where Tempo decodes every page up to the row.
 */
public final class WholeChunkLookup {

    /** What one lookup found and read: the trace, and requests and bytes to {@code data.parquet} and the bloom shard. */
    public record Result(Optional<Trace> trace, boolean bloomPositive, long bloomBytes, long requests, long bytesRead) {
    }

    private final ObjectStore store;
    private final String blockPath;
    private final BlockMeta meta;
    private final FooterCache footers;

    /** @param blockPath the block's directory relative to the store's root */
    public WholeChunkLookup(ObjectStore store, String blockPath, BlockMeta meta, FooterCache footers) {
        this.store = store;
        this.blockPath = blockPath;
        this.meta = meta;
        this.footers = footers;
    }

    public Result find(byte[] traceId) {
        String shard = blockPath + "/" + BloomShards.fileName(BloomShards.shardOf(traceId, meta.bloomShards()));
        byte[] bloom = store.readBytes(shard).block();
        if (!TraceIdBloomFilter.parse(bloom, store.describe(shard)).mightContain(traceId)) {
            return new Result(Optional.empty(), false, bloom.length, 0, 0);
        }
        int footerSuffix = meta.footerSize() + 8;
        ReadOptions options = ReadOptions.defaults().withFooterCache(footers).withFooterSuffix(footerSuffix);
        try (InputFile file = store.openInputFile(blockPath + "/data.parquet", meta.footerSize())) {
            CountingInputFile counted = new CountingInputFile(file);
            Optional<Trace> trace = Optional.empty();
            int rowGroup = -1;
            long row = -1;
            try (ParquetReader ids = ParquetReader.open(counted, options.withColumns(List.of("TraceID")))) {
                ColumnDescriptor column = ids.projectedColumns().getFirst();
                for (int g = 0; g < ids.rowGroupCount() && rowGroup < 0; g++) {
                    if (!mayHold(ids.metaData().rowGroups().get(g).columns().get(column.index()).metaData(), traceId)) continue;
                    try (RowGroupBatch batch = ids.readRowGroup(g)) {
                        row = indexOf(batch.columns().getFirst(), traceId);
                        if (row >= 0) rowGroup = g;
                    }
                }
                if (rowGroup >= 0) {
                    Vp4TraceMapper mapper = new Vp4TraceMapper(counted.name(), ids.schema(), TracePreset.FULL,
                            meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE), meta.dedicatedSlots(DedicatedColumn.Scope.SPAN),
                            Long.MAX_VALUE);
                    trace = Optional.of(readRow(counted, options.withColumns(mapper.columns()), rowGroup, row, mapper));
                }
            }
            var remote = file.feature(RemoteObject.class).map(RemoteObject::metrics);
            return remote.isEmpty() ? new Result(trace, true, bloom.length, counted.requests(), counted.bytes())
                    : new Result(trace, true, bloom.length, remote.get().requests(), remote.get().bytesFetched());
        }
    }

    /** The row group's projected chunks read whole, then the row decoded from those bytes. */
    private static Trace readRow(InputFile file, ReadOptions options, int rowGroup, long row, Vp4TraceMapper mapper) {
        try (Arena arena = Arena.ofShared();
             ParquetReader reader = ParquetReader.open(file, options);
             RowGroupRead read = reader.plan(rowGroup, RowRanges.range(row, row + 1))) {
            RowGroup group = reader.metaData().rowGroups().get(rowGroup);
            long first = Long.MAX_VALUE, end = 0;
            for (ColumnDescriptor column : reader.projectedColumns()) {
                ColumnMetaData chunk = group.columns().get(column.index()).metaData();
                first = Math.min(first, chunk.chunkStart());
                end = Math.max(end, chunk.chunkStart() + chunk.totalCompressedSize());
            }
            MemorySegment chunks = arena.allocate(end - first);
            for (ColumnDescriptor column : reader.projectedColumns()) {
                ColumnMetaData chunk = group.columns().get(column.index()).metaData();
                MemorySegment bytes = file.read(chunk.chunkStart(), chunk.totalCompressedSize(), arena);
                chunks.asSlice(chunk.chunkStart() - first, chunk.totalCompressedSize()).copyFrom(bytes);
            }
            for (ByteRange range : read.ranges()) {
                read.supply(range.offset(), chunks.asSlice(range.offset() - first, range.length()), () -> { });
            }
            for (int c = 0; c < read.columnCount(); c++) read.decodeColumn(c);
            try (RowGroupBatch batch = read.finish()) {
                return mapper.map(batch).getFirst();
            }
        }
    }

    /** Whether the chunk's {@code TraceID} bounds (unsigned byte order) may hold the ID; true without statistics. */
    private static boolean mayHold(ColumnMetaData chunk, byte[] traceId) {
        Statistics statistics = chunk.statistics();
        if (statistics == null || statistics.minValue() == null || statistics.maxValue() == null) return true;
        return Arrays.compareUnsigned(statistics.minValue().toByteArray(), traceId) <= 0
                && Arrays.compareUnsigned(statistics.maxValue().toByteArray(), traceId) >= 0;
    }

    private static long indexOf(ColumnVector traceIds, byte[] traceId) {
        MemorySegment wanted = MemorySegment.ofArray(traceId);
        for (int i = 0; i < traceIds.valueCount(); i++) {
            if (traceIds.getBytes(i).mismatch(wanted) == -1) return i;
        }
        return -1;
    }
}
