package io.pqflux.tempo;

import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.storage.BlockingCall;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.TraceRows;
import io.pqflux.tempo.internal.bloom.BloomShardCache;
import io.pqflux.tempo.internal.lookup.BlockLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One Tempo block ({@code <root>/<tenant>/<blockID>/}) on local disk or in object storage (through
 * {@link TempoTenant#of}): its meta, its traces as a {@code Flux} in block (trace-ID) order, and FindTraceByID. Opening
 * reads {@code meta.json} only; {@code data.parquet}'s footer is read with one request sized by the meta's
 * {@code footerSize}, parsed on first use and kept in the footer cache. Reads vParquet3, vParquet4 (both attribute
 * layouts) and vParquet5 (the {@code vParquet5-preview*} blocks and current vParquet5), each with the mapping of the
 * Tempo code that writes it; other formats fail at open with {@code UNSUPPORTED_FORMAT}.
 */
public final class TempoBlock {

    private static final long DEFAULT_FOOTER_CACHE_BYTES = 64L << 20;
    private static final long DEFAULT_BLOOM_CACHE_BYTES = 16L << 20;

    static {
        BlockColumns.register(block -> block.columns);
    }

    private final ObjectStore store;
    /** The block's directory relative to the store's root ("" when the root is the block). */
    private final String path;
    private final BlockMeta meta;
    private final BloomShardCache blooms;
    /** data.parquet as reads and query engines open it. */
    private final BlockColumns columns;

    private TempoBlock(ObjectStore store, String path, BlockMeta meta, FooterCache footers, BloomShardCache blooms,
                       DecryptionProperties decryption) {
        this.store = store;
        this.path = path;
        this.meta = meta;
        this.blooms = blooms;
        this.columns = new BlockColumns(store, path, meta, footers, decryption);
    }

    /** The block in {@code directory}, with its own footer and bloom-shard caches (a tenant's blocks share theirs). */
    public static TempoBlock open(Path directory) {
        return open(directory, null);
    }

    /**
     * The block in {@code directory} whose {@code data.parquet} is encrypted (Parquet modular encryption,
     * docs/encryption.md), read with {@code decryption}'s keys by every read and query; null: not encrypted.
     */
    public static TempoBlock open(Path directory, DecryptionProperties decryption) {
        ObjectStore store = ObjectStores.local(directory);
        byte[] json = store.readBytes("meta.json").block();
        if (json == null) throw new TempoException(TempoException.Reason.BAD_META, directory.toString(), "no meta.json: not a live block");
        return of(store, "", BlockMeta.parse(json, store.describe("meta.json")), FooterCache.ofMaxBytes(DEFAULT_FOOTER_CACHE_BYTES),
                new BloomShardCache(DEFAULT_BLOOM_CACHE_BYTES), decryption);
    }

    /**
     * The block at {@code path} of {@code store} described by {@code meta} (from a listing or tenant index), its
     * {@code data.parquet} read with {@code decryption}'s keys (null: not encrypted).
     */
    static TempoBlock of(ObjectStore store, String path, BlockMeta meta, FooterCache footers, BloomShardCache blooms,
                         DecryptionProperties decryption) {
        meta.tempoFormat(); // fails for a format this reader does not know
        return new TempoBlock(store, path, meta, footers, blooms, decryption);
    }

    public BlockMeta meta() {
        return meta;
    }

    /** The block's directory: a local path or an object store URI. */
    public String location() {
        return store.describe(path);
    }

    /** The block's traces in trace-ID order, assembled on the pipeline's decode scheduler. */
    public Flux<Trace> traces(TraceReadOptions options) {
        return columns.traces(options, null);
    }

    /**
     * The block's spans, trace after trace in trace-ID order, each with its resource and scope: a span stream holds one
     * resource's spans of a trace at a time, so traces of any size are read (no {@code maxTraceBytes}). The preset must
     * read spans ({@code SPANS} or {@code FULL}).
     */
    public Flux<SpanWithContext> spans(TraceReadOptions options) {
        if (options.preset() == TracePreset.SUMMARY) throw new IllegalArgumentException("the SUMMARY preset reads no spans");
        if (!columns.overlaps(options)) return Flux.empty();
        return columns.withData(data -> {
                    TraceMapper mapper = columns.mapper(data.schema(), options.preset(), Long.MAX_VALUE);
                    ReadOptions read = columns.readOptions(options, mapper.columns(), null);
                    return ParquetFlux.batches(data.name(), data.file()::view, options.scanOptions().withReadOptions(read))
                            .concatMap(batch -> Flux.using(() -> batch,
                                    b -> Flux.fromIterable(() -> new SpanIterator(mapper.resourceSpans(b.batch()))),
                                    ParquetBatch::close), 1)
                            // batches concatMap holds but never maps, when the stream is cancelled or fails
                            .doOnDiscard(ParquetBatch.class, ParquetBatch::close);
                });
    }

    /** Flattens resource spans into spans, one resource at a time. */
    private static final class SpanIterator implements Iterator<SpanWithContext> {
        private final Iterator<TraceRows.RowResourceSpans> resources;
        private final List<SpanWithContext> pending = new ArrayList<>();
        private int next;

        SpanIterator(Iterator<TraceRows.RowResourceSpans> resources) {
            this.resources = resources;
        }

        @Override
        public boolean hasNext() {
            while (next == pending.size()) {
                if (!resources.hasNext()) return false;
                pending.clear();
                next = 0;
                TraceRows.RowResourceSpans rs = resources.next();
                TraceId id = TraceId.of(rs.traceId().toByteArray());
                Resource resource = rs.resourceSpans().getResource();
                for (ScopeSpans ss : rs.resourceSpans().getScopeSpansList()) {
                    for (Span span : ss.getSpansList()) pending.add(new SpanWithContext(id, resource, ss.getScope(), span));
                }
            }
            return true;
        }

        @Override
        public SpanWithContext next() {
            if (!hasNext()) throw new NoSuchElementException();
            return pending.get(next++);
        }
    }

    /**
     * FindTraceByID in this block: bloom shard, then row-group statistics, the {@code TraceID} column index and the
     * offset indexes, so only the pages holding the trace's row are read. The shard is read without blocking, the
     * data file on the bounded-elastic scheduler.
     */
    public Mono<TraceLookup> findTrace(TraceId id, TracePreset preset, long maxTraceBytes) {
        return findTrace(id, preset, maxTraceBytes, TraceForm.OBJECTS);
    }

    /** As {@link #findTrace(TraceId, TracePreset, long)}, the trace's content in {@code form}. */
    public Mono<TraceLookup> findTrace(TraceId id, TracePreset preset, long maxTraceBytes, TraceForm form) {
        return Mono.defer(() -> new BlockLookup(store.below(path), meta, blooms, location())
                .find(id, columns.readOptions(), columns.footerSize(), schema -> columns.mapper(schema, preset, maxTraceBytes),
                        form));
    }

    /**
     * The meta checked against {@code data.parquet}: the file's length and its footer's row and row-group counts (one
     * request when the meta gives the footer's size, then the footer cache), and what of the meta they contradict.
     */
    public Mono<CheckedBlock> check() {
        return BlockingCall.on(Schedulers.boundedElastic(), columns::check);
    }

    /**
     * {@code data.parquet}'s metadata (row groups, their rows and sizes): how a distributed reader plans splits of
     * the block. One request when the meta gives the footer's size, then the footer cache. Blocking.
     */
    public FileMetaData dataMetaData() {
        try (ParquetReader reader = columns.open(null)) {
            return reader.metaData();
        }
    }
}
