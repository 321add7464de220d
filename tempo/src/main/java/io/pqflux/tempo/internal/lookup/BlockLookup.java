package io.pqflux.tempo.internal.lookup;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.RowRanges;
import io.pqflux.io.CountingInputFile;
import io.pqflux.io.InputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reader.RowGroupRead;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.BlockingCall;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceLookup;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.bloom.BloomShardCache;
import io.pqflux.tempo.internal.bloom.BloomShards;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * FindTraceByID in one block (docs/tempo-format.md §11, done better): the ID's bloom shard first (from the tenant's
 * cache when it holds it), then in {@code data.parquet} row groups whose {@code TraceID} statistics exclude the ID are skipped from the footer alone; in the others
 * only the {@code TraceID} pages whose column-index bounds hold the ID are read and searched; then, through every
 * projected column's offset index, only the pages holding that one row (and their dictionaries). Tempo instead reads
 * whole column chunks up to the row.
 */
public final class BlockLookup {

    private static final String DATA = "data.parquet";

    private final ObjectStore block;
    private final BlockMeta meta;
    private final BloomShardCache blooms;
    private final String location;

    /**
     * @param block    the block's folder
     * @param location how errors name the block
     */
    public BlockLookup(ObjectStore block, BlockMeta meta, BloomShardCache blooms, String location) {
        this.block = block;
        this.meta = meta;
        this.blooms = blooms;
        this.location = location;
    }

    /**
     * The trace with {@code id}, or none; with the bloom bytes read and, for a remote block, the real requests and bytes
     * (footer prefetch and HEAD included). The shard is read without blocking a thread, the data file (when the shard
     * says the ID may be there) on the bounded-elastic scheduler: a lookup waiting there for a shard read queued on the
     * same scheduler could wait forever once every worker was taken.
     *
     * @param footerSize the footer's size for the opening read of a remote file; 0 when unknown
     * @throws TempoException (when subscribed) {@link TempoException.Reason#BAD_BLOOM} when the ID's shard is missing
     *                        or unreadable
     */
    public Mono<TraceLookup> find(TraceId id, ReadOptions readOptions, long footerSize,
                                  Function<MessageSchema, TraceMapper> mapperFor, TraceForm form) {
        byte[] key = id.bytes();
        String shardName = BloomShards.fileName(BloomShards.shardOf(key, meta.bloomShards()));
        return blooms.shard(block.describe(shardName), block.readBytes(shardName))
                .switchIfEmpty(Mono.error(() -> new TempoException(TempoException.Reason.BAD_BLOOM, location,
                        "bloom shard " + shardName + " is missing (the meta says " + meta.bloomShards() + " shards)")))
                .flatMap(shard -> !shard.filter().mightContain(key)
                        ? Mono.just(new TraceLookup(Optional.empty(), false, shard.bytesRead(), 0, 0))
                        : BlockingCall.on(Schedulers.boundedElastic(), () -> {
                            try (InputFile file = block.openInputFile(DATA, footerSize)) {
                                TraceLookup lookup = findInData(file, key, readOptions, shard.bytesRead(), mapperFor, form);
                                return file.feature(RemoteObject.class).map(RemoteObject::metrics)
                                        .map(remote -> new TraceLookup(lookup.trace(), true, lookup.bloomBytes(),
                                                remote.requests(), remote.bytesFetched()))
                                        .orElse(lookup);
                            }
                        }));
    }

    /**
     * The data-file half of the lookup, once the bloom shard said yes.
     *
     * @param file        data.parquet, owned by the caller
     * @param readOptions options shared by the two reads (footer cache, limits)
     * @param mapperFor   the block's trace mapper for the file's schema
     * @param form        the form of the trace's content
     */
    public static TraceLookup findInData(InputFile file, byte[] traceId, ReadOptions readOptions, long bloomBytes,
                                   Function<MessageSchema, TraceMapper> mapperFor, TraceForm form) {
        CountingInputFile counted = new CountingInputFile(file);
        int rowGroup = -1;
        long row = -1;
        MessageSchema schema;
        ReadOptions search = readOptions.withColumns(List.of("TraceID")).withFilter(Predicate.eq("TraceID", traceId));
        try (ParquetReader reader = ParquetReader.open(counted, search)) {
            schema = reader.schema();
            for (int g = 0; g < reader.rowGroupCount() && rowGroup < 0; g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    if (batch.selectedRowCount() > 0) {
                        rowGroup = g;
                        row = batch.rowGroupRow(batch.selectedRow(0));
                    }
                }
            }
        }
        Optional<Trace> trace = Optional.empty();
        if (rowGroup >= 0) {
            TraceMapper mapper = mapperFor.apply(schema);
            try (ParquetReader reader = ParquetReader.open(counted, readOptions.withColumns(mapper.columns()));
                 RowGroupBatch batch = rowPages(reader, rowGroup, row, file)) {
                trace = Optional.of(mapper.map(batch, AttributeKeys.ALL, form).getFirst());
            }
        }
        return new TraceLookup(trace, true, bloomBytes, counted.requests(), counted.bytes());
    }

    /**
     * The row through a planned read: its pages merged only across gaps small against the bytes needed (a synchronous
     * read would merge across whole row groups, reading several times the row's pages), fetched all at once from
     * object storage (unless the object was small enough to be read whole at open), one after the other from other files.
     */
    private static RowGroupBatch rowPages(ParquetReader reader, int rowGroup, long row, InputFile file) {
        try (RowGroupRead read = reader.plan(rowGroup, RowRanges.range(row, row + 1))) {
            var remote = file.feature(RemoteObject.class);
            if (remote.isPresent() && !file.readsInPlace()) remote.get().fetchInto(read).block();
            else read.fetch();
            for (int column = 0; column < read.columnCount(); column++) read.decodeColumn(column);
            return read.finish();
        }
    }
}
