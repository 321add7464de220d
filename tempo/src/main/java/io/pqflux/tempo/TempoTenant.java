package io.pqflux.tempo;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.reader.FooterCache;
import io.pqflux.tempo.internal.bloom.BloomShardCache;
import io.pqflux.tempo.internal.lookup.TraceCombiner;
import io.pqflux.tempo.internal.meta.PolledBlocklist;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One tenant of a Tempo backend root in any object store (a directory, an S3 or Azure prefix: {@code <root>/<tenant>/}): its live blocks, their traces and
 * FindTraceByID across them. The block list comes from the tenant index ({@code index.json.gz}) when the tenant has
 * one, as Tempo's queriers take it from their polled blocklist, and from the block directories otherwise; compacted
 * blocks are skipped either way. The blocks share one footer cache and one bloom-shard cache.
 *
 * <p>Every query lists the blocks anew unless the tenant {@link #withBlocklistPoll polls} its block list, as Tempo's
 * queriers do ({@code storage.trace.blocklist_poll}): then a listing serves every query for that long, and is
 * renewed beside the queries.
 */
public final class TempoTenant {

    /** Blocks searched at once by FindTraceByID. */
    public static final int DEFAULT_LOOKUP_CONCURRENCY = 8;
    /** Block metas a listing reads at once. */
    private static final int META_READS_IN_FLIGHT = 16;
    private static final String META_JSON = "meta.json";
    private static final long FOOTER_CACHE_BYTES = 256L << 20;
    private static final long BLOOM_CACHE_BYTES = 256L << 20;

    private final ObjectStore store;
    private final String tenant;
    private final FooterCache footers;
    private final BloomShardCache blooms;
    /** The metas of the tenant's blocks by the path of their {@code meta.json}, as last listed and read. */
    private final Map<String, ListedMeta> listedMetas;
    /** How long a listing serves queries; zero: every query lists. */
    private final Duration blocklistPoll;
    /** Every live block, oldest first: listed on each subscription, or polled every {@link #blocklistPoll}. */
    private final Mono<List<BlockMeta>> blocklist;
    /** The keys of encrypted blocks, or null. */
    private final DecryptionProperties decryption;

    private TempoTenant(ObjectStore store, String tenant) {
        if (tenant.isEmpty() || tenant.contains("/") || tenant.equals("..") || tenant.equals(".")) {
            throw new IllegalArgumentException("bad tenant '" + tenant + "'");
        }
        this.store = store;
        this.tenant = tenant;
        this.footers = FooterCache.ofMaxBytes(FOOTER_CACHE_BYTES);
        this.blooms = new BloomShardCache(BLOOM_CACHE_BYTES);
        this.listedMetas = new ConcurrentHashMap<>();
        this.blocklistPoll = Duration.ZERO;
        this.blocklist = blocklist(blocklistPoll);
        this.decryption = null;
    }

    /**
     * {@code of}'s tenant with other settings, sharing its caches and, when it polls as {@code of} does, its block
     * list.
     */
    private TempoTenant(TempoTenant of, Duration blocklistPoll, DecryptionProperties decryption) {
        this.store = of.store;
        this.tenant = of.tenant;
        this.footers = of.footers;
        this.blooms = of.blooms;
        this.listedMetas = of.listedMetas;
        this.blocklistPoll = blocklistPoll;
        this.blocklist = blocklistPoll.equals(of.blocklistPoll) ? of.blocklist : blocklist(blocklistPoll);
        this.decryption = decryption;
    }

    /** Every live block: listed on each subscription, or polled ({@link PolledBlocklist}) when {@code poll} is not zero. */
    private Mono<List<BlockMeta>> blocklist(Duration poll) {
        Mono<List<BlockMeta>> listing = Mono.defer(this::listedAll);
        return poll.isZero() ? listing : new PolledBlocklist(store.describe(tenant), listing, poll, System::nanoTime).blocks();
    }

    /** A tenant of the backend root directory {@code root}. */
    public static TempoTenant local(Path root, String tenant) {
        return of(ObjectStores.local(root), tenant);
    }

    /**
     * A tenant of the backend root {@code root} (a directory, an S3 or Azure prefix: what Tempo's {@code
     * storage.trace} backend points at). The store stays the caller's to close.
     */
    public static TempoTenant of(ObjectStore root, String tenant) {
        return new TempoTenant(Objects.requireNonNull(root, "root"), tenant);
    }

    /**
     * This tenant (the same caches) listing its blocks about once per {@code interval}, as Tempo's queriers poll
     * theirs ({@code storage.trace.blocklist_poll}, five minutes by default): a listing serves every search, metrics,
     * tag and FindTraceByID query until it is {@code interval} old; a query then still gets it while a new listing
     * runs beside the query, so steady queries never wait for one, but a listing two intervals old is not used: the
     * query waits for a new one. Listing a tenant reads its index or walks its objects, a few milliseconds locally and
     * a round trip or more remotely, on every query otherwise. Blocks written since the listing are not seen until the
     * next, and a block deleted since fails the queries that read it (Tempo's compactor keeps a compacted block well
     * beyond two polls for this reason). A failed listing is not kept. {@link Duration#ZERO}: every query lists (the
     * default).
     *
     * @throws IllegalArgumentException for a negative interval
     */
    public TempoTenant withBlocklistPoll(Duration interval) {
        if (interval.isNegative()) throw new IllegalArgumentException("blocklist poll must not be negative, got " + interval);
        return new TempoTenant(this, interval, decryption);
    }

    /**
     * This tenant (the same caches and block list) with encrypted {@code data.parquet} files (Parquet modular
     * encryption, docs/encryption.md) read with {@code decryption}'s keys by every read and query; null: none is
     * encrypted. Footers read with keys are not cached, so each read of an encrypted block reads its footer.
     */
    public TempoTenant withDecryption(DecryptionProperties decryption) {
        return new TempoTenant(this, blocklistPoll, decryption);
    }

    public String tenant() {
        return tenant;
    }

    /**
     * The live blocks, oldest first (by start time, then block ID), as listed now or, when the tenant {@link
     * #withBlocklistPoll polls}, by its last listing. Blocking.
     */
    public List<BlockMeta> blocks() {
        return liveBlocks(null, null).block();
    }

    /**
     * The live blocks whose time range overlaps {@code [start, end]} (an end open when null), Tempo's block selection
     * for a time range. Blocking.
     */
    public List<BlockMeta> blocks(Instant start, Instant end) {
        return liveBlocks(start, end).block();
    }

    /**
     * The live blocks overlapping {@code [start, end]} (either end open when null), oldest first, each checked against
     * its {@code data.parquet} ({@link TempoBlock#check}): what to show of a block, since a meta's counts are only
     * claims. Reads each block's footer (through the footer cache), {@value #DEFAULT_LOOKUP_CONCURRENCY} blocks at
     * once.
     */
    public Mono<List<CheckedBlock>> checkedBlocks(Instant start, Instant end) {
        return liveBlocks(start, end)
                .flatMapMany(Flux::fromIterable)
                .flatMapSequential(meta -> block(meta).check(), DEFAULT_LOOKUP_CONCURRENCY)
                .collectList();
    }

    /**
     * The live blocks overlapping {@code [start, end]} (either end open when null; every block when both are), oldest
     * first: the tenant's index read, or its block directories listed and their metas read. Nothing here blocks a
     * thread: a listing that waited on a bounded-elastic thread for meta reads queued on the same scheduler deadlocked
     * once every worker was taken (on one core, at the first search). Query engines take their blocks from here.
     */
    public Mono<List<BlockMeta>> liveBlocks(Instant start, Instant end) {
        if (start == null && end == null) return blocklist;
        return blocklist.map(metas -> metas.stream().filter(meta -> meta.overlaps(start, end)).toList());
    }

    /** Every live block, oldest first, listed now. */
    private Mono<List<BlockMeta>> listedAll() {
        String indexPath = tenant + "/index.json.gz";
        return store.readBytes(indexPath)
                .map(index -> TenantIndex.parseGzip(new ByteArrayInputStream(index), store.describe(indexPath)).metas())
                .switchIfEmpty(Mono.defer(this::fromDirectories))
                .map(metas -> metas.stream()
                        .sorted(Comparator.comparing(BlockMeta::startTime).thenComparing(BlockMeta::blockId))
                        .toList());
    }

    /**
     * {@code <tenant>/<uuid>/meta.json}, from one listing of the tenant's objects (one directory walk, or a page of a
     * remote listing per thousand objects, instead of a read per block); a directory without meta.json (a block being
     * written, or compacted: meta.compacted.json) gives none. A meta listed with the version and size it had when it
     * was last read is not read again: Tempo never rewrites a block's meta.json, but a replaced one is read anew.
     */
    private Mono<List<BlockMeta>> fromDirectories() {
        String prefix = tenant + "/";
        return store.list(prefix).collectList().flatMap(objects -> {
            List<StoredObject> metas = new ArrayList<>();
            boolean blockFolders = false;
            for (StoredObject object : objects) {
                String below = object.path().substring(prefix.length());
                int slash = below.indexOf('/');
                if (slash < 0 || !isUuid(below.substring(0, slash))) continue;
                blockFolders = true;
                if (below.substring(slash + 1).equals(META_JSON)) metas.add(object);
            }
            if (!blockFolders) return emptyBlockFoldersOrNotATenant();
            // the metas of blocks gone since the last listing (compacted, deleted) are forgotten
            Set<String> listed = metas.stream().map(StoredObject::path).collect(Collectors.toSet());
            listedMetas.keySet().retainAll(listed);
            // several metas read at once: one after another, a remote tenant's first listing waits a round trip per block
            return Flux.fromIterable(metas).flatMap(this::listedMeta, META_READS_IN_FLIGHT).collectList();
        });
    }

    /** The meta of a listed {@code meta.json}: as read before when the listing shows it unchanged, else read now. */
    private Mono<BlockMeta> listedMeta(StoredObject object) {
        ListedMeta known = listedMetas.get(object.path());
        if (known != null && known.size() == object.size() && Objects.equals(known.version(), object.version())) {
            return Mono.just(known.meta());
        }
        String blockId = object.path().substring(tenant.length() + 1, object.path().length() - META_JSON.length() - 1);
        // a meta replaced between the listing and this read is kept under the listed version: the next listing shows
        // the new version and reads it again
        return liveMeta(blockId).doOnNext(meta -> listedMetas.put(object.path(),
                new ListedMeta(object.version(), object.size(), meta)));
    }

    /**
     * A tenant whose listing shows no object in a block folder: block folders that are all empty make an empty
     * tenant (the listing of objects does not show empty folders); no block folder at all is no tenant.
     */
    private Mono<List<BlockMeta>> emptyBlockFoldersOrNotATenant() {
        return store.folders(tenant).collectList().flatMap(children -> children.stream().anyMatch(TempoTenant::isUuid)
                ? Mono.just(List.<BlockMeta>of())
                : notATenant(children).flatMap(Mono::error));
    }

    /** A block's meta as read when its {@code meta.json} had this version and size. */
    private record ListedMeta(String version, long size, BlockMeta meta) {
    }

    /** Why {@code tenant} is none: a root that does not exist or holds no tenants, or no such tenant in it. */
    private Mono<TempoException> notATenant(List<String> children) {
        if (!children.isEmpty()) {
            return Mono.just(notATenant("no tenant index and no block directories (named by block UUIDs): not a Tempo tenant"));
        }
        return store.folders("").collectList().map(tenants -> notATenant(tenants.isEmpty()
                ? "no such tenant: the root does not exist or holds nothing (not a Tempo backend root)"
                : "no such tenant; the root holds " + (tenants.size() <= 10 ? String.join(", ", tenants)
                : String.join(", ", tenants.subList(0, 10)) + " and " + (tenants.size() - 10) + " more")));
    }

    private TempoException notATenant(String why) {
        return new TempoException(TempoException.Reason.NOT_FOUND, store.describe(tenant), why);
    }

    private static boolean isUuid(String name) {
        try {
            return UUID.fromString(name).toString().equalsIgnoreCase(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The live block {@code blockId}, from its {@code meta.json} (one read; a distributed reader opens the blocks of
     * its splits this way instead of listing the tenant). Blocking: {@link #liveBlock} is the same without blocking.
     *
     * @throws TempoException {@code NOT_FOUND} when the block has no {@code meta.json} (never written, or compacted away)
     */
    public TempoBlock block(UUID blockId) {
        return liveBlock(blockId).block();
    }

    /**
     * {@link #block(UUID)} without blocking a thread: for callers on a scheduler's threads, where waiting for the read
     * (which a local store runs on the bounded-elastic scheduler) could wait behind themselves.
     *
     * @throws TempoException (when subscribed) {@code NOT_FOUND} when the block has no {@code meta.json}
     */
    public Mono<TempoBlock> liveBlock(UUID blockId) {
        String metaPath = tenant + "/" + blockId + "/meta.json";
        return liveMeta(blockId.toString())
                .switchIfEmpty(Mono.error(() -> new TempoException(TempoException.Reason.NOT_FOUND, store.describe(metaPath),
                        "no such live block")))
                .map(this::block);
    }

    /** The {@code meta.json} of the block in directory {@code blockId}, empty when it has none (not live). */
    private Mono<BlockMeta> liveMeta(String blockId) {
        String metaPath = tenant + "/" + blockId + "/meta.json";
        return store.readBytes(metaPath).map(json -> {
            BlockMeta parsed = BlockMeta.parse(json, store.describe(metaPath));
            if (!parsed.blockId().toString().equalsIgnoreCase(blockId)) {
                throw new TempoException(TempoException.Reason.BAD_META, store.describe(metaPath),
                        "names block " + parsed.blockId() + " but lies in the directory of block " + blockId);
            }
            return parsed;
        });
    }

    /** The block with this meta (from {@link #blocks()}). */
    public TempoBlock block(BlockMeta meta) {
        return TempoBlock.of(store, tenant + "/" + meta.blockId(), meta, footers, blooms, decryption);
    }

    /** The traces of the blocks the options' time range selects (all blocks without one), block after block. */
    public Flux<Trace> traces(TraceReadOptions options) {
        return liveBlocks(options.start(), options.end())
                .flatMapMany(Flux::fromIterable)
                .concatMap(meta -> block(meta).traces(options), 1);
    }

    /**
     * FindTraceByID: the candidate blocks (those overlapping {@code [start, end]} when given, else all) searched
     * {@code concurrency} at a time; the parts found are combined in block order (see {@code TraceCombiner}).
     */
    public Mono<TenantLookup> findTrace(TraceId id, Instant start, Instant end, TracePreset preset, long maxTraceBytes,
                                        int concurrency) {
        return findTrace(id, start, end, preset, maxTraceBytes, concurrency, TraceForm.OBJECTS);
    }

    /**
     * As {@link #findTrace(TraceId, Instant, Instant, TracePreset, long, int)}, the trace's content in {@code form}: a
     * trace found in one block keeps it, one combined from several blocks is combined as objects.
     */
    public Mono<TenantLookup> findTrace(TraceId id, Instant start, Instant end, TracePreset preset, long maxTraceBytes,
                                        int concurrency, TraceForm form) {
        return liveBlocks(start, end)
                .flatMap(metas -> Flux.fromIterable(metas)
                        .flatMapSequential(meta -> block(meta).findTrace(id, preset, maxTraceBytes, form), concurrency, 1)
                        .collectList()
                        .map(lookups -> combine(metas.size(), lookups, maxTraceBytes)));
    }

    private static TenantLookup combine(int blocks, List<TraceLookup> lookups, long maxTraceBytes) {
        List<Trace> parts = new ArrayList<>();
        int positive = 0;
        long requests = 0, bytes = 0, bloomBytes = 0;
        for (TraceLookup lookup : lookups) {
            if (lookup.bloomPositive()) positive++;
            lookup.trace().ifPresent(parts::add);
            requests += lookup.requests();
            bytes += lookup.bytesRead();
            bloomBytes += lookup.bloomBytes();
        }
        Optional<Trace> trace = Optional.empty();
        if (!parts.isEmpty()) {
            Trace combined = TraceCombiner.combine(parts);
            long size = combined.serializedSize();
            if (size > maxTraceBytes) {
                throw new TempoException(TempoException.Reason.TRACE_TOO_LARGE, combined.traceIdHex(),
                        "the trace combined from " + parts.size() + " blocks has " + size + " bytes, over the maximum of " + maxTraceBytes);
            }
            trace = Optional.of(combined);
        }
        return new TenantLookup(trace, blocks, positive, parts.size(), requests, bytes, bloomBytes);
    }
}
