package io.pqflux.otap.internal.join;

import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.internal.rows.Rows;
import java.util.Arrays;
import java.util.List;

/**
 * What one root window (an exporter batch, or a run of them the files cannot tell apart) says about the shared
 * attribute rows it owns: which {@code resource_attrs}/{@code scope_attrs} {@code parent_id}s it may claim, and, where
 * that is proven, the one {@code parent_id} each stored {@code resource.id}/{@code scope.id} stands for.
 *
 * <p>A batch owns the id interval {@code [offset, offset + max_id]}; its shared keys are {@code offset + n} for the
 * producer's numbers {@code n}. The roots store {@code n} (upstream, docs/otap-format.md §12.1: <em>un-offset</em>) or
 * {@code offset + n} (an exporter that fixes it: <em>offset</em>). Which one is told per batch from the evidence:
 * stored ids below the smallest offset the batch can have are un-offset; stored ids all at or above it are taken as
 * offset (un-offset ids would need that many leading resources and scopes without records); a batch whose offset is 0
 * needs no decision.
 */
final class BatchClaims {

    /** How the stored {@code resource.id}/{@code scope.id} relate to the {@code parent_id}s. */
    enum Numbering {
        /** Stored ids are the keys. */
        OFFSET,
        /** Keys are the batch's offset plus the stored ids. */
        UNOFFSET,
        /** The batch's offset is 0: stored ids are the keys either way. */
        FROM_ZERO,
        /** Either of the first two: the batch's offset may be 0, or not. */
        UNDECIDED
    }

    /** Which shared table. */
    enum Kind {
        RESOURCE(OtapTable.RESOURCE_ATTRS, "resource"), SCOPE(OtapTable.SCOPE_ATTRS, "scope");

        final OtapTable table;
        final String what;

        Kind(OtapTable table, String what) {
            this.table = table;
            this.what = what;
        }
    }

    /** Where a window sits in its table, for the reports. */
    record Origin(OtapTable table, String file, long row) {
        @Override
        public String toString() {
            return "the " + table.directory() + " batch at " + file + " row " + row;
        }
    }

    static final long UNBOUNDED = Long.MAX_VALUE;

    /** The batch (continuations share it), so that a batch does not contest its own claims. */
    final long owner;
    final Origin origin;
    final Numbering numbering;
    /** Bounds of the batch's offset, equal when it is known; {@link #offsetHigh} may be {@link #UNBOUNDED}. */
    final long offsetLow, offsetHigh;
    /** The window holds a batch boundary it could not place: un-offset keys of its later rows are unknown. */
    final boolean unplacedBoundary;
    /** The smallest offset a later batch of the same table can have. */
    final long nextOffsetFloor;
    private final long[] resourceIds, scopeIds;
    /** The numbering was set by {@link JoinMode#BATCH_AWARE}, not told by the files. */
    private final boolean forced;
    /** The rows' stored ids and offsets tell the numbering (see {@link #tellsNumbering}). */
    private final boolean telling;

    private BatchClaims(long owner, Origin origin, Numbering numbering, long offsetLow, long offsetHigh,
                        boolean unplacedBoundary, long nextOffsetFloor, long[] resourceIds, long[] scopeIds,
                        boolean forced, boolean telling) {
        this.telling = telling;
        this.owner = owner;
        this.origin = origin;
        this.numbering = numbering;
        this.offsetLow = offsetLow;
        this.offsetHigh = offsetHigh;
        this.unplacedBoundary = unplacedBoundary;
        this.nextOffsetFloor = nextOffsetFloor;
        this.resourceIds = resourceIds;
        this.scopeIds = scopeIds;
        this.forced = forced;
    }

    /**
     * The claims of a window.
     *
     * @param rows       the window's roots
     * @param offsetLow  the smallest offset the batch can have (the previous batch's {@link #nextOffsetFloor}), used
     *                   when no root has an id
     * @param offsetHigh the largest, from the next batch's ids ({@link #UNBOUNDED} when unknown), likewise
     * @param maxId      the largest id of the batch's rows in any table of its signal, or -1
     * @param inherited  the claims of the batch's previous part when the window continues it, else null
     */
    static BatchClaims of(JoinMode mode, long owner, Origin origin, List<? extends Rows.Keyed> rows, long offsetLow,
                          long offsetHigh, long maxId, boolean unplacedBoundary, BatchClaims inherited) {
        long minId = Long.MAX_VALUE, maxRootId = -1;
        // per row, a lower bound of its batch's offset: offsetLow before the first root id (those rows may be earlier
        // batches without ids); from a root id that does not follow the previous one (the first id of a batch, so its
        // offset) on, that id. Stored ids below their row's bound are un-offset; rows whose stored ids are all at or
        // above a positive bound are evidence of offset ids.
        long bound = offsetLow, lastId = -1, evidence = -1;
        boolean below = false;
        for (Rows.Keyed row : rows) {
            if (row.id() >= 0) {
                minId = Math.min(minId, row.id());
                maxRootId = Math.max(maxRootId, row.id());
                if (lastId < 0 || row.id() != lastId + 1) bound = Math.max(bound, row.id());
                lastId = row.id();
            }
            long stored = Math.min(row.resourceId() < 0 ? UNBOUNDED : row.resourceId(),
                    row.scopeId() < 0 ? UNBOUNDED : row.scopeId());
            if (stored == UNBOUNDED) continue;
            if (stored < bound) below = true;
            else evidence = Math.max(evidence, bound);
        }
        long[] r = storedIds(rows, true), s = storedIds(rows, false);
        long top = Math.max(maxId, maxRootId);
        if (inherited != null) {
            long[] allR = merge(inherited.resourceIds, r), allS = merge(inherited.scopeIds, s);
            long floor = Math.max(inherited.nextOffsetFloor, top + 1);
            return new BatchClaims(owner, inherited.origin, inherited.numbering, inherited.offsetLow,
                    inherited.offsetHigh, inherited.unplacedBoundary || unplacedBoundary, floor, allR, allS,
                    inherited.forced, inherited.telling);
        }
        long low = offsetLow, high = offsetHigh;
        if (minId != Long.MAX_VALUE) {
            // the smallest root id is the offset: every producer numbers a batch's roots from 0; with a boundary
            // inside, later rows may belong to a batch starting anywhere up to the largest id
            low = minId;
            high = unplacedBoundary ? maxRootId : minId;
        }
        Numbering numbering;
        if (high == 0) numbering = Numbering.FROM_ZERO;
        else if (mode == JoinMode.BATCH_AWARE) numbering = Numbering.UNOFFSET;
        else if (below) numbering = Numbering.UNOFFSET;
        else if (low > 0 || evidence > 0) numbering = Numbering.OFFSET;
        else numbering = Numbering.UNDECIDED;
        long floor = top >= 0 ? top + 1 : low + 1;
        return new BatchClaims(owner, origin, numbering, low, high, unplacedBoundary, floor, r, s,
                mode == JoinMode.BATCH_AWARE, below || evidence >= TELLING_OFFSET);
    }

    /**
     * Whether the batch's own ids tell how its exporter numbers resource and scope ids: an exporter instance (a
     * partition) either offsets them or not, so one batch that tells decides for the batches that cannot.
     */
    boolean tellsNumbering() {
        if (forced) return false;
        // stored ids below the offset cannot be offset; all at or above it would, un-offset, need that many leading
        // resources and scopes without records (the encoder numbers those too): believable for a small offset only
        return telling && (numbering == Numbering.UNOFFSET || numbering == Numbering.OFFSET);
    }

    /** The smallest offset at which stored ids all at or above it tell an offsetting exporter. */
    private static final long TELLING_OFFSET = 8;

    /** These claims with the partition's numbering where the batch alone could not tell. */
    BatchClaims numberedAs(Numbering partition) {
        if (partition == null || tellsNumbering() || forced) return this;
        Numbering decided = switch (numbering) {
            case UNDECIDED -> partition;
            case FROM_ZERO -> partition == Numbering.OFFSET ? Numbering.OFFSET : Numbering.FROM_ZERO;
            default -> numbering;
        };
        if (decided == numbering) return this;
        return new BatchClaims(owner, origin, decided, offsetLow, offsetHigh, unplacedBoundary, nextOffsetFloor,
                resourceIds, scopeIds, false, false);
    }

    /** The rows' distinct stored {@code resource.id}s (or {@code scope.id}s), ascending. */
    private static long[] storedIds(List<? extends Rows.Keyed> rows, boolean resource) {
        long[] ids = new long[8];
        int n = 0;
        long last = -1;
        for (Rows.Keyed row : rows) {
            long id = resource ? row.resourceId() : row.scopeId();
            if (id < 0 || id == last) continue; // consecutive rows mostly share one
            if (n == ids.length) ids = Arrays.copyOf(ids, 2 * n);
            ids[n++] = last = id;
        }
        return sortedDistinct(ids, n);
    }

    private static long[] merge(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return sortedDistinct(all, all.length);
    }

    /** The distinct values of {@code values[0, n)}, ascending (sorts them in place). */
    private static long[] sortedDistinct(long[] values, int n) {
        Arrays.sort(values, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || values[i] != values[distinct - 1]) values[distinct++] = values[i];
        }
        return Arrays.copyOf(values, distinct);
    }

    private long[] ids(Kind kind) {
        return kind == Kind.RESOURCE ? resourceIds : scopeIds;
    }

    /** Whether the batch may own shared rows of {@code kind} with {@code parent_id} {@code key}. */
    boolean mayClaim(Kind kind, long key) {
        long[] ids = ids(kind);
        return switch (numbering) {
            case OFFSET, FROM_ZERO -> Arrays.binarySearch(ids, key) >= 0;
            case UNOFFSET -> shifted(ids, key);
            case UNDECIDED -> Arrays.binarySearch(ids, key) >= 0 || shifted(ids, key);
        };
    }

    /** Whether some stored {@code n} has {@code offset + n == key} for an offset within the bounds. */
    private boolean shifted(long[] ids, long key) {
        long from = offsetHigh == UNBOUNDED ? Long.MIN_VALUE : key - offsetHigh;
        long to = key - offsetLow;
        int i = Arrays.binarySearch(ids, from);
        if (i < 0) i = -i - 1;
        return i < ids.length && ids[i] <= to;
    }

    /** The largest key the batch may claim. */
    long maxKey() {
        long max = Math.max(resourceIds.length == 0 ? -1 : resourceIds[resourceIds.length - 1],
                scopeIds.length == 0 ? -1 : scopeIds[scopeIds.length - 1]);
        if (max < 0) return -1;
        if (numbering == Numbering.OFFSET || numbering == Numbering.FROM_ZERO) return max;
        return offsetHigh == UNBOUNDED ? UNBOUNDED : Math.max(max, offsetHigh + max);
    }

    /**
     * Whether the batch's resource or scope keys reach {@code nextOffset}, the proven offset of a later batch: past
     * its own ids, into another batch's. (Not {@link #nextOffsetFloor}: an exporter that counts resource and scope ids
     * in {@code max_id} leaves them above the batch's row ids but below the next batch's offset.)
     */
    boolean keysReach(long nextOffset) {
        long max = maxKey();
        return max != UNBOUNDED && max >= nextOffset;
    }

    /** Whether the batch's offset is proven: it has root ids, or its neighbours fix it. */
    boolean offsetKnown() {
        return offsetLow == offsetHigh;
    }

    /**
     * The key a stored id stands for, or null with why it is not proven: the offset is unknown, the numbering
     * undecided, or a boundary inside the window leaves un-offset keys unknown.
     */
    String unprovenKey(long stored) {
        return switch (numbering) {
            case OFFSET, FROM_ZERO -> null;
            case UNDECIDED -> "the files do not tell whether the batch's resource and scope ids are offset (its "
                    + "offset may be 0 or not: no root has an id and the neighbours do not fix it)";
            case UNOFFSET -> unplacedBoundary
                    ? "the batch holds a boundary the files do not place (rows without ids between ids that do not "
                    + "follow each other), so its later rows' id offset is unknown"
                    : offsetLow != offsetHigh
                    ? "the batch's id offset is unknown (none of its roots has an id and the neighbouring batches "
                    + "leave " + (offsetHigh == UNBOUNDED ? "it open" : "more than one value") + ")"
                    : null;
        };
    }

    /** The key a stored id stands for; only when {@link #unprovenKey} is null. */
    long key(long stored) {
        return numbering == Numbering.UNOFFSET ? offsetLow + stored : stored;
    }

    /** Whether keys are the batch's offset plus the stored ids, so that a boundary hidden in the window would shift them. */
    boolean keysFollowOffset() {
        return numbering == Numbering.UNOFFSET || numbering == Numbering.FROM_ZERO;
    }
}
