package io.pqflux.otap.internal.join;

import com.google.protobuf.Message;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.TimeRange;
import io.pqflux.otap.UnjoinedRow;
import io.pqflux.otap.internal.rows.Columns;
import io.pqflux.otap.internal.rows.PartialMessage;
import io.pqflux.otap.internal.rows.RowDecoders;
import io.pqflux.otap.internal.rows.Rows;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.storage.ObjectStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The streaming join of one signal in one partition: the root table cut into exporter batches ({@link RootWindows}),
 * each batch's children read just far enough ({@link ChildTable}), attributes attached, and the batch built as one
 * OTLP message grouped by resource and scope in order of first appearance. Memory: the current batch, and per child
 * table the rows read ahead of it (at most a slice into the next batch).
 */
final class PartitionJoin implements AutoCloseable {

    private final Signal signal;
    private final String partition;
    private final TimeRange range;
    /**
     * Where the root rows that may hold records in the time range are. The batches before them are joined only as far
     * as the join of later batches depends on them: their roots without records, their children with ids, no record
     * attributes. None is joined after them.
     */
    private RangeRootFiles rangeFiles;
    /** Whether the rows below the first batch read, and the attribute rows below the range's first batch, were dropped. */
    private boolean childrenFloored;
    private boolean attributesFloored;
    /** Whether a literal join reached the time range's end: the windows after it are not read. */
    private boolean pastRange;
    /** The smallest root id of the current batch's first window (its offset), or -1. */
    private long batchFirstId = -1;
    private final JoinMode mode;
    private final long maxAheadRows;
    private final boolean complete;
    private final RootWindows<Rows.Root> roots;
    private final Map<OtapTable, ChildTable<Rows.Attribute>> attributes = new EnumMap<>(OtapTable.class);
    private final Map<OtapTable, ChildTable<Rows.Child>> records = new EnumMap<>(OtapTable.class);
    private final Map<OtapTable, Long> previousMaxParent = new EnumMap<>(OtapTable.class);
    private SharedAttributes shared;
    /** The other signals' roots, read by {@link #shared}: ids their batches take are no batch's of this signal. */
    private final List<OtherRoots> others = new ArrayList<>();
    private RootWindows.Window<Rows.Root> lookahead;
    /**
     * Windows read past the lookahead, in order, kept for their turn: a key past the next batch's ids, a numbering the
     * next batch does not tell, or the ids left after this batch for one without ids, is settled by the batches after
     * it. At most {@link #maxAheadRows} rows.
     */
    private final List<RootWindows.Window<Rows.Root>> ahead = new ArrayList<>();
    /** Whether reading ahead for the current window reached the end of the partition's roots. */
    private boolean aheadExhausted;
    /** The claims of the window returned last (a continuation inherits them), its batch's serial and id interval end. */
    private BatchClaims previousClaims;
    private long batchSerial;
    private long batchMaxId = -1;
    /** How this partition's exporter numbers resource and scope ids, once a batch told (null before). */
    private BatchClaims.Numbering numbering;

    /**
     * @param files    the partition's files by table
     * @param rootFiles the root files to replay (a prefix of the partition's root files)
     * @param complete whether {@code rootFiles} are all the partition's root files, so that child rows left over at the
     *                 end have no parent (otherwise they may belong to root files not replayed yet)
     */
    PartitionJoin(ObjectStore store, Signal signal, String partition, Map<OtapTable, List<PartFile>> files,
                  List<PartFile> rootFiles, ReplayOptions options, boolean complete) {
        this.signal = signal;
        this.partition = partition;
        this.range = options.timeRange();
        this.mode = options.joinMode();
        int maxWindowRows = options.maxWindowRows();
        this.maxAheadRows = maxWindowRows;
        Consumer<ScanMetrics> metrics = options.metricsListener();
        int threads = options.decodeThreads();
        this.complete = complete;
        OtapTable root = signal.root();
        TableStream rootStream = new TableStream(store, root, rootFiles, Columns.ID, this::rootProjection, metrics);
        this.roots = new RootWindows<>(rootStream, new ChunkRows<>(c -> RowDecoders.roots(root, c), threads),
                maxWindowRows);
        Map<OtapTable, ChildTable<Rows.Attribute>> sharedTables = new EnumMap<>(OtapTable.class);
        try {
            this.rangeFiles = RangeRootFiles.of(store, roots.files(), signal, range);
            // the literal join of a batch depends on no other batch: root files before the range are not read at all
            if (mode == JoinMode.LITERAL) rootStream.skipFiles(rangeFiles.first());
            for (OtapTable table : OtapTable.of(signal)) {
                List<PartFile> tableFiles = files.getOrDefault(table, List.of());
                if (table == root || tableFiles.isEmpty()) continue;
                // the children of the batches before the time range are read for their ids only
                TableStream.Projection columns = table.isAttributes() ? TableStream.Projection.of(null)
                        : new TableStream.Projection(List.of(Columns.ID, Columns.PARENT_ID), 0, null);
                TableStream stream = new TableStream(store, table, tableFiles, Columns.PARENT_ID, file -> columns, metrics);
                if (table == OtapTable.RESOURCE_ATTRS || table == OtapTable.SCOPE_ATTRS) {
                    sharedTables.put(table, new ChildTable<>(table, stream,
                            new ChunkRows<>(RowDecoders::attributes, threads), Rows.Attribute::parentId));
                } else if (table.isAttributes()) {
                    attributes.put(table, new ChildTable<>(table, stream,
                            new ChunkRows<>(RowDecoders::attributes, threads), Rows.Attribute::parentId));
                } else {
                    records.put(table, new ChildTable<>(table, stream,
                            new ChunkRows<>(c -> RowDecoders.children(table, c), threads), Rows.Child::parentId));
                }
            }
            // the other signals' batches share the attribute tables and the id space: their claims count too
            this.shared = SharedAttributes.of(mode, root, sharedTables.get(OtapTable.RESOURCE_ATTRS),
                    sharedTables.get(OtapTable.SCOPE_ATTRS), others);
            if (mode != JoinMode.LITERAL) {
                for (Signal other : Signal.values()) {
                    List<PartFile> otherFiles = files.getOrDefault(other.root(), List.of());
                    if (other == signal || otherFiles.isEmpty()) continue;
                    others.add(new OtherRoots(store, other.root(), otherFiles, mode, maxWindowRows, metrics));
                }
            }
        } catch (RuntimeException e) {
            if (shared == null) sharedTables.values().forEach(ChildTable::close);
            close();
            throw e;
        }
    }

    /**
     * The next batch {@code progress} does not hold (null: none consumed) with records in the time range, cut down to
     * them; null at the end of the partition, or past its last root file that may hold the range. Batches it holds are
     * joined and dropped: their children must be read to know where the next batch's begin. So are batches without
     * records in the range: the join of the batches kept stays what it is without a range.
     */
    ReplayedBatch<Message> next(PartitionProgress progress) {
        if (rangeFiles.none()) return null;
        while (true) {
            if (pastRange) return null;
            // a window past the range's last root row is not joined: its roots were read only as the previous
            // batch's lookahead
            if (lookahead == null) lookahead = roots.next();
            if (lookahead == null
                    || rangeFiles.after(fileIndex(lookahead.file().path()), lookahead.rows().getFirst().fileRow())) {
                return null;
            }
            ReplayedBatch<Message> batch = next();
            if (progress != null && consumed(batch.position(), progress)) continue;
            if (batch.records() > 0) return batch;
        }
    }

    /**
     * The columns of a root file: the rows before the time range's first only with their ids and groups ({@link
     * RowDecoders#ROOT_GROUPING_COLUMNS}), the rest whole.
     */
    private TableStream.Projection rootProjection(PartFile file) {
        // the stream opens files of one millisecond for their order before the range is placed (by that order)
        if (rangeFiles == null) return TableStream.Projection.of(null);
        int index = roots.files().indexOf(file);
        if (index < rangeFiles.first()) return new TableStream.Projection(RowDecoders.ROOT_GROUPING_COLUMNS, Long.MAX_VALUE, null);
        if (index == rangeFiles.first()) {
            return new TableStream.Projection(RowDecoders.ROOT_GROUPING_COLUMNS, rangeFiles.firstRow(), null);
        }
        return TableStream.Projection.of(null);
    }

    /**
     * Leaves the child rows of batches the replay does not join whole unread, from the batch whose offset is {@code
     * offset}: their {@code parent_id}s lie below it, and every id of that batch and of the batches after it at or above
     * (the intervals of invariant I1). {@code all}: at the first batch a literal join reads (it skipped the root files
     * before the range), every child table; else, at the first batch that may hold the range, the record attributes,
     * which the batches before it were joined without. Without an offset (no root id), or when nothing lies before the
     * range, nothing is left unread.
     */
    private void dropChildrenBelow(long offset, boolean all) {
        if (all) childrenFloored = true;
        else attributesFloored = true;
        if (offset < 0 || (rangeFiles.first() == 0 && rangeFiles.firstRow() == 0)) return;
        for (ChildTable<Rows.Attribute> child : attributes.values()) child.skipBelow(offset);
        if (all) {
            for (ChildTable<Rows.Child> child : records.values()) child.skipBelow(offset);
        }
    }

    /** The index of {@code rootFile} in the order root files are read, or -1 when it is not among them. */
    private int fileIndex(String rootFile) {
        List<PartFile> files = roots.files();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).path().equals(rootFile)) return i;
        }
        return -1;
    }

    private boolean consumed(BatchPosition batch, PartitionProgress progress) {
        return progress.consumedInItsFile(batch) || (progress.upTo() != null && !after(batch, progress.upTo()));
    }

    /** Whether a batch ends after {@code resume}, in the order root files are read, then by row. */
    private boolean after(BatchPosition batch, BatchPosition resume) {
        int file = fileIndex(batch.rootFile());
        int resumeFile = fileIndex(resume.rootFile());
        return file > resumeFile || (file == resumeFile && batch.endRow() > resume.endRow());
    }

    /** Joins the window read last ({@link #lookahead}, not null) and reads the next one. */
    private ReplayedBatch<Message> next() {
        RootWindows.Window<Rows.Root> window = lookahead;
        List<UnjoinedRow> unjoined = new ArrayList<>();
        Map<Long, PartialMessage> byId = new LinkedHashMap<>();
        long maxId = -1;
        for (Rows.Root row : window.rows()) {
            if (row.id() < 0) continue;
            if (byId.putIfAbsent(row.id(), row.record()) != null) {
                unjoined.add(new UnjoinedRow(row.file(), signal.root(), row.fileRow(),
                        "id " + row.id() + " repeats within its batch; children join the first row with it"));
            }
            maxId = Math.max(maxId, row.id());
        }
        if (!window.continuation()) batchFirstId = minId(window);
        boolean beforeRange = rangeFiles.before(fileIndex(window.file().path()), window.endRow());
        if (mode == JoinMode.LITERAL && !childrenFloored) dropChildrenBelow(batchFirstId, true);
        if (!beforeRange && !attributesFloored) dropChildrenBelow(batchFirstId, false);
        long windowMax = Math.max(maxId, joinChildren(signal.root(), byId, maxId, !beforeRange, unjoined));
        batchMaxId = window.continuation() ? Math.max(batchMaxId, windowMax) : windowMax;
        // the literal join of a batch needs no later one: past the range's end, the next window is not read
        pastRange = mode == JoinMode.LITERAL && rangeFiles.after(fileIndex(window.file().path()), window.endRow());
        lookahead = pastRange ? null : ahead.isEmpty() ? roots.next() : ahead.removeFirst();

        // the claims of this window and of the next (the next one's offset bounds this one's when it has no ids)
        BatchClaims inherited = window.continuation() ? previousClaims : null;
        if (inherited == null) batchSerial++;
        long low = previousClaims == null ? 0 : previousClaims.nextOffsetFloor;
        long high = lookahead == null || lookahead.continuation() ? BatchClaims.UNBOUNDED : minId(lookahead) - 1;
        if (high < 0) high = BatchClaims.UNBOUNDED; // the next window has no id either
        BatchClaims claims = BatchClaims.of(mode, batchSerial, origin(window), window.rows(), low, high, batchMaxId,
                window.unplacedBoundary(), inherited);
        BatchClaims nextClaims = lookahead == null ? null
                : BatchClaims.of(mode, lookahead.continuation() ? batchSerial : batchSerial + 1, origin(lookahead),
                lookahead.rows(), claims.nextOffsetFloor, BatchClaims.UNBOUNDED, -1, lookahead.unplacedBoundary(),
                lookahead.continuation() ? claims : null);
        // one exporter instance either offsets resource and scope ids or not: a batch that tells decides for the rest
        if (numbering == null && claims.tellsNumbering()) numbering = claims.numbering;
        if (numbering == null && nextClaims != null && nextClaims.tellsNumbering()) numbering = nextClaims.numbering;
        if (numbering == null && nextClaims != null && (claims.numbering == BatchClaims.Numbering.UNDECIDED
                || (claims.numbering == BatchClaims.Numbering.FROM_ZERO && window.rows().getLast().id() < 0))) {
            // a later batch of this partition may tell: read ahead (roots kept for their turn) until one does; also for
            // a batch at offset 0 that ends in rows without ids, which un-offset ids leave open to a batch without ids
            BatchClaims last = nextClaims;
            long rows = 0;
            for (int index = 0; numbering == null && rows < maxAheadRows; index++) {
                RootWindows.Window<Rows.Root> later = aheadWindow(index);
                if (later == null) break;
                rows += later.rows().size();
                last = claimsAfter(last, later);
                if (last.tellsNumbering()) numbering = last.numbering;
            }
        }
        if (numbering == null && !claims.tellsNumbering()) {
            shared.readOthersPast(Math.max(batchMaxId, claims.maxKey() == BatchClaims.UNBOUNDED ? batchMaxId : claims.maxKey()));
            numbering = shared.toldByOthers();
        }
        shared.exporterNumbering(numbering);
        claims = claims.numberedAs(numbering);
        if (nextClaims != null) nextClaims = nextClaims.numberedAs(numbering);
        List<BatchClaims> later = readAhead(claims, nextClaims);
        boolean moreLater = (lookahead != null && !aheadExhausted) || !complete;
        // a batch without ids (logs without attributes) whose one resource and scope look like the window's first or
        // last ones without attributes shows no boundary before the first root id or after the last (RootWindows):
        // where the ids around the batch's leave it room, keys that follow the offset are proven only for the rows
        // between, and the others go without resource and scope attributes. Only in a file of 16-bit ids: the exporter
        // writes a batch without ids from its UInt16 template, never among UInt32 ids (TableChunk.wideIds)
        List<Rows.Root> rows = window.rows();
        int from = 0, to = rows.size();
        if (!window.continuation() && !window.wideIds() && mode != JoinMode.LITERAL && claims.keysFollowOffset()
                && maxId >= 0) {
            int first = 0, last = rows.size() - 1;
            while (rows.get(first).id() < 0) first++;
            while (rows.get(last).id() < 0) last--;
            long free = first > 0 ? freeId(low, claims.offsetLow) : -1;
            if (free >= 0) {
                from = first;
                reportApart(rows.subList(0, first), "before the batch's first id", free, unjoined);
            }
            free = last < rows.size() - 1 && (lookahead == null || !lookahead.continuation())
                    ? freeId(claims.nextOffsetFloor, nextOffsetBound()) : -1;
            if (free >= 0) {
                to = last + 1;
                reportApart(rows.subList(to, rows.size()), "after the batch's last id", free, unjoined);
            }
        }
        Map<Long, List<PartialMessage>> resourceAttributes = shared.resolve(BatchClaims.Kind.RESOURCE, window.rows(), claims,
                nextClaims, later, moreLater, batchMaxId, unjoined);
        Map<Long, List<PartialMessage>> scopeAttributes = shared.resolve(BatchClaims.Kind.SCOPE, window.rows(), claims,
                nextClaims, later, moreLater, batchMaxId, unjoined);
        if (lookahead == null || !lookahead.continuation()) shared.finishBatch(claims);
        previousClaims = claims;
        BatchAssembly batch = assemble(window, resourceAttributes, scopeAttributes, from, to);
        int records = range.isAll() ? window.rows().size() : batch.retain(signal, range);
        // the last batch also reports the child rows that no root of the partition claimed
        if (lookahead == null && complete && !pastRange) finish(unjoined);
        return ReplayedBatch.encoded(signal, new BatchPosition(partition, window.file().path(), window.endRow()),
                batch.encode(), records, unjoined);
    }

    /**
     * The claims of the windows after the next one, read (roots only, kept for their turn) until no unread batch can
     * hold a key of this batch or the next: a key past the next batch's ids is proven only when the batches that may
     * follow it have been seen not to claim it. Only where keys are the stored ids (numbering known), and at most
     * {@link #maxAheadRows} rows ahead.
     */
    private List<BatchClaims> readAhead(BatchClaims claims, BatchClaims nextClaims) {
        aheadExhausted = false;
        if (nextClaims == null || mode == JoinMode.LITERAL) return List.of();
        long need = Math.max(claims.maxKey(), nextClaims.maxKey());
        if (need == BatchClaims.UNBOUNDED || need < nextClaims.nextOffsetFloor) return List.of();
        List<BatchClaims> later = new ArrayList<>();
        BatchClaims last = nextClaims;
        long rows = 0;
        for (int index = 0; last.nextOffsetFloor <= need && rows < maxAheadRows; index++) {
            RootWindows.Window<Rows.Root> window = aheadWindow(index);
            if (window == null) {
                aheadExhausted = true;
                break;
            }
            rows += window.rows().size();
            last = claimsAfter(last, window).numberedAs(numbering);
            later.add(last);
        }
        return later;
    }

    /** The claims of {@code window}, read ahead after the window whose claims are {@code previous}. */
    private BatchClaims claimsAfter(BatchClaims previous, RootWindows.Window<Rows.Root> window) {
        return BatchClaims.of(mode, window.continuation() ? previous.owner : previous.owner + 1, origin(window),
                window.rows(), previous.nextOffsetFloor, BatchClaims.UNBOUNDED, -1, window.unplacedBoundary(),
                window.continuation() ? previous : null);
    }

    /** The {@code index}-th window after the lookahead, read into {@link #ahead} if needed; null past the end. */
    private RootWindows.Window<Rows.Root> aheadWindow(int index) {
        while (ahead.size() <= index) {
            RootWindows.Window<Rows.Root> window = roots.next();
            if (window == null) return null;
            ahead.add(window);
        }
        return ahead.get(index);
    }

    /**
     * The first id from {@code low} on, below {@code high}, that no batch of another signal read so far is seen to take,
     * or -1: every batch takes at least one id, so a batch of this signal between ids {@code low} and {@code high}
     * needs one of those (one exporter numbers every signal's batches).
     */
    private long freeId(long low, long high) {
        if (high == BatchClaims.UNBOUNDED) return low;
        for (OtherRoots other : others) other.readPast(high);
        long free = low;
        for (long before = -1; free != before && free < high; ) {
            before = free;
            for (OtherRoots other : others) free = other.takenFrom(free);
        }
        return free < high ? free : -1;
    }

    /**
     * The largest offset the next batch can have, from the next window with ids (read ahead, kept for their turn, at most
     * {@link #maxAheadRows} rows): its smallest id, less one for each batch without ids before it; or
     * {@link BatchClaims#UNBOUNDED}.
     */
    private long nextOffsetBound() {
        long rows = 0, withoutIds = 0;
        for (int index = -1; rows < maxAheadRows; index++) {
            RootWindows.Window<Rows.Root> window = index < 0 ? lookahead : aheadWindow(index);
            if (window == null) break;
            if (minId(window) >= 0) return minId(window) - withoutIds;
            if (!window.continuation()) withoutIds++;
            rows += window.rows().size();
        }
        return BatchClaims.UNBOUNDED;
    }

    /** Reports the groups of {@code rows}, assembled apart from the batch's and without resource and scope attributes. */
    private void reportApart(List<Rows.Root> rows, String where, long free, List<UnjoinedRow> unjoined) {
        for (BatchClaims.Kind kind : BatchClaims.Kind.values()) {
            SharedAttributes.firstRows(kind, rows).forEach((id, row) -> unjoined.add(new UnjoinedRow(row.file(),
                    signal.root(), row.fileRow(), kind.what + ".id " + id + ": attributes left off on its rows " + where
                    + ": another batch without ids may stand among them, one that shows no boundary to this one (no "
                    + "batch read takes id " + free + ", next to the batch's ids)")));
        }
    }

    private static long minId(RootWindows.Window<Rows.Root> window) {
        return window.rows().stream().mapToLong(Rows.Root::id).filter(id -> id >= 0).min().orElse(-1);
    }

    private BatchClaims.Origin origin(RootWindows.Window<Rows.Root> window) {
        Rows.Root first = window.rows().getFirst();
        return new BatchClaims.Origin(signal.root(), first.file(), first.fileRow());
    }

    /**
     * Attaches the children of {@code parents} (by id) from every table below {@code parentTable}, recursively; returns
     * the largest id of a child row seen (part of the batch's id interval). {@code recordAttributes}: whether the
     * records are joined whole; a batch before the time range needs only its ids, so the attribute tables (which add
     * none) are left out and the other children read for their ids where no later batch's rows are among them.
     */
    private long joinChildren(OtapTable parentTable, Map<Long, PartialMessage> parents, long maxParent,
                              boolean recordAttributes, List<UnjoinedRow> unjoined) {
        long maxChildId = -1;
        for (OtapTable table : OtapTable.values()) {
            if (table.parent().orElse(null) != parentTable) continue;
            if (table.isAttributes()) {
                ChildTable<Rows.Attribute> child = attributes.get(table);
                if (child == null || !recordAttributes) continue;
                child.readThrough(maxParent);
                parents.forEach((id, parent) -> {
                    for (Rows.Attribute row : child.take(id)) Attachments.attribute(table, parent, row.attribute());
                });
                evictOrphans(child, maxParent, unjoined, r -> new UnjoinedRow(r.file(), table, r.fileRow(), orphan(table, r.parentId())));
            } else {
                ChildTable<Rows.Child> child = records.get(table);
                if (child == null) continue;
                // before the time range, slices of this window's and earlier batches' rows only are read for their ids
                child.readThrough(maxParent, recordAttributes ? TableStream.UNKNOWN : maxParent);
                List<Rows.Child> taken = new ArrayList<>();
                List<PartialMessage> takenParents = new ArrayList<>();
                Map<Long, PartialMessage> byId = new HashMap<>();
                long maxId = -1;
                for (Map.Entry<Long, PartialMessage> parent : parents.entrySet()) {
                    for (Rows.Child row : child.take(parent.getKey())) {
                        taken.add(row);
                        takenParents.add(parent.getValue());
                        if (row.id() >= 0 && byId.putIfAbsent(row.id(), row.record()) != null) {
                            unjoined.add(new UnjoinedRow(row.file(), table, row.fileRow(),
                                    "id " + row.id() + " repeats within its batch; children join the first row with it"));
                        }
                        maxId = Math.max(maxId, row.id());
                    }
                }
                maxChildId = Math.max(maxChildId, Math.max(maxId, joinChildren(table, byId, maxId, recordAttributes, unjoined)));
                for (int i = 0; i < taken.size(); i++) {
                    Rows.Child row = taken.get(i);
                    String refused = Attachments.record(table, takenParents.get(i), row.record());
                    if (refused != null) {
                        unjoined.add(new UnjoinedRow(row.file(), table, row.fileRow(),
                                "parent_id " + row.parentId() + ": " + refused));
                    }
                }
                evictOrphans(child, maxParent, unjoined, r -> new UnjoinedRow(r.file(), table, r.fileRow(), orphan(table, r.parentId())));
            }
        }
        return maxChildId;
    }

    private static String orphan(OtapTable table, long parentId) {
        return parentId < 0 ? "parent_id is null"
                : "no " + table.parent().orElseThrow().directory() + " row with id " + parentId + " in its batch";
    }

    /**
     * Reports the rows left with a parent id up to the previous batch's largest: one batch of grace, since a producer
     * that reorders roots may spread one exporter batch over two of ours.
     */
    private <R> void evictOrphans(ChildTable<R> child, long maxParent, List<UnjoinedRow> unjoined,
                                  java.util.function.Function<R, UnjoinedRow> report) {
        Long previous = previousMaxParent.put(child.table(), Math.max(maxParent,
                previousMaxParent.getOrDefault(child.table(), -1L)));
        if (previous != null && previous >= 0) {
            for (R row : child.evictThrough(previous)) unjoined.add(report.apply(row));
        }
    }

    /**
     * Groups the batch's roots by resource, then scope, in order of first appearance. The rows outside {@code [from,
     * to)} are grouped apart from the others with their ids, without attributes.
     */
    private static BatchAssembly assemble(RootWindows.Window<Rows.Root> window,
                                          Map<Long, List<PartialMessage>> resourceAttributes,
                                          Map<Long, List<PartialMessage>> scopeAttributes, int from, int to) {
        BatchAssembly batch = new BatchAssembly();
        Map<Object, BatchAssembly.ResourceGroup> resources = new HashMap<>();
        Map<List<Object>, BatchAssembly.ScopeGroup> scopes = new HashMap<>();
        Rows.Root previous = null;
        boolean previousApart = false;
        BatchAssembly.ScopeGroup scope = null;
        for (int i = 0; i < window.rows().size(); i++) {
            Rows.Root row = window.rows().get(i);
            boolean apart = i < from || i >= to;
            if (previous != null && apart == previousApart && row.resourceId() >= 0 && row.scopeId() >= 0
                    && row.resourceId() == previous.resourceId() && row.scopeId() == previous.scopeId()) {
                scope.members.add(row.record()); // the previous row's keys, so its groups: nothing to look up
                continue;
            }
            previous = row;
            previousApart = apart;
            // grouped by id; rows without one by their content
            Object resourceKey = row.resourceId() < 0 ? new ContentKey(content(row.resource()), row.resourceSchemaUrl())
                    : apart ? new ApartKey(row.resourceId()) : row.resourceId();
            BatchAssembly.ResourceGroup resource = resources.get(resourceKey);
            if (resource == null) {
                resource = batch.resource(row.resource(), apart ? null : resourceAttributes.get(row.resourceId()),
                        row.resourceSchemaUrl());
                resources.put(resourceKey, resource);
                scopes.clear();
            }
            Object scopeKey = row.scopeId() < 0 ? new ContentKey(content(row.scope()), row.scopeSchemaUrl())
                    : apart ? new ApartKey(row.scopeId()) : row.scopeId();
            scope = scopes.get(List.of(resourceKey, scopeKey));
            if (scope == null) {
                scope = batch.scope(resource, row.scope(), apart ? null : scopeAttributes.get(row.scopeId()),
                        row.scopeSchemaUrl());
                scopes.put(List.of(resourceKey, scopeKey), scope);
            }
            scope.members.add(row.record());
        }
        return batch;
    }

    private static Object content(PartialMessage message) {
        return message == null ? List.of() : message.ownFields();
    }

    /** A group of rows kept apart from the batch's groups with the same id. */
    private record ApartKey(long id) {
    }

    /** A group of rows without an id: equal content (the own fields, or an empty list for none). */
    private record ContentKey(Object content, String schemaUrl) {
    }

    /** At the end of a fully replayed partition, child rows never claimed have no parent. */
    private void finish(List<UnjoinedRow> unjoined) {
        for (ChildTable<Rows.Child> child : records.values()) {
            child.readThrough(Long.MAX_VALUE - 1);
            for (Rows.Child r : child.evictThrough(Long.MAX_VALUE)) {
                unjoined.add(new UnjoinedRow(r.file(), child.table(), r.fileRow(), orphan(child.table(), r.parentId())));
            }
        }
        for (ChildTable<Rows.Attribute> child : attributes.values()) {
            child.readThrough(Long.MAX_VALUE - 1);
            for (Rows.Attribute r : child.evictThrough(Long.MAX_VALUE)) {
                unjoined.add(new UnjoinedRow(r.file(), child.table(), r.fileRow(), orphan(child.table(), r.parentId())));
            }
        }
    }

    @Override
    public void close() {
        roots.close();
        if (shared != null) shared.close();
        attributes.values().forEach(ChildTable::close);
        records.values().forEach(ChildTable::close);
    }
}
