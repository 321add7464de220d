package io.pqflux.otap.internal.join;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.UnjoinedRow;
import io.pqflux.otap.internal.join.BatchClaims.Kind;
import io.pqflux.otap.internal.rows.Rows;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource and scope attributes of the replayed signal's batches ({@code resource_attrs}, {@code scope_attrs},
 * shared by every signal of a partition). The rule (docs/otap.md, "Invariants"): a shared row with {@code parent_id}
 * {@code k} is attached to a batch only when the batch's key for the stored id is proven ({@link BatchClaims}) and no
 * other batch of the partition — the replayed signal's before and after it, the other signals' — may claim {@code k}.
 * Otherwise the batch's group gets no such attributes and is reported with the reason. Two more checks guard against
 * what the files cannot show: when keys follow the batch's offset, a shared row inside the batch's id interval that no
 * batch claims means a boundary may hide in the window (its later rows would be shifted), so the window's attributes of
 * that kind are left off; and two attributes with one key under one {@code parent_id} are two batches' rows.
 *
 * <p>{@link JoinMode#LITERAL} attaches every row with {@code parent_id == stored id}, as a plain SQL join does.
 */
final class SharedAttributes implements AutoCloseable {

    private final JoinMode mode;
    private final OtapTable root;
    private final Map<Kind, ChildTable<Rows.Attribute>> tables = new EnumMap<>(Kind.class);
    private final List<OtherRoots> others;
    /** The replayed signal's batches whose keys may still matter, oldest first. */
    private final List<BatchClaims> ours = new ArrayList<>();
    /** What the current batch resolved, kept across its continuation windows. */
    private final Map<Kind, Map<Long, List<KeyValue>>> resolved = new EnumMap<>(Kind.class);
    private final Map<Kind, Boolean> leftOffWhole = new EnumMap<>(Kind.class);
    /** The stored ids of the current batch whose attributes were left off, reported again in its later windows. */
    private final Map<Kind, Set<Long>> leftOffIds = new EnumMap<>(Kind.class);
    private long resolvedOwner = -1;
    /**
     * Why the partition's exporter is known to number resources and scopes past its batches' ids (a batch whose keys
     * reach a later batch's offset, docs/otap-format.md §12.1), or null. Such an exporter also numbers the resources
     * and scopes without records of a batch past its ids, and their attribute rows carry the keys of a later batch's
     * groups: no row tells them apart (an earlier batch's rows end anywhere before the later batch's), so from then on
     * a group's attribute rows are attached only where no earlier batch exists.
     */
    private String spilling;
    /** How the partition's exporter numbers resource and scope ids, once a batch told (null before). */
    private BatchClaims.Numbering exporterNumbering;

    SharedAttributes(JoinMode mode, OtapTable root, ChildTable<Rows.Attribute> resources,
                     ChildTable<Rows.Attribute> scopes, List<OtherRoots> others) {
        this.mode = mode;
        this.root = root;
        if (resources != null) tables.put(Kind.RESOURCE, resources);
        if (scopes != null) tables.put(Kind.SCOPE, scopes);
        this.others = others;
    }

    /**
     * The attributes of the window's groups by stored id, of one kind.
     *
     * @param current   the window's claims
     * @param next      the claims of the replayed signal's next window, or null when there is none
     * @param moreLater whether windows of the replayed signal may follow {@code next} (or the current one) unseen:
     *                  root files not replayed yet
     * @param maxId     the largest id of the batch's rows in every table of the signal so far (its interval's end)
     */
    Map<Long, List<KeyValue>> resolve(Kind kind, List<Rows.Root> rows, BatchClaims current, BatchClaims next,
                                      boolean moreLater, long maxId, List<UnjoinedRow> unjoined) {
        ChildTable<Rows.Attribute> attrs = tables.get(kind);
        Map<Long, Rows.Root> firstRow = new LinkedHashMap<>();
        for (Rows.Root row : rows) {
            long id = kind == Kind.RESOURCE ? row.resourceId() : row.scopeId();
            if (id >= 0) firstRow.putIfAbsent(id, row);
        }
        if (firstRow.isEmpty() || attrs == null) return Map.of();
        if (mode == JoinMode.LITERAL) return literal(attrs, firstRow.keySet());
        if (current.owner != resolvedOwner) {
            resolved.clear();
            leftOffWhole.clear();
            leftOffIds.clear();
        }
        resolvedOwner = current.owner;
        Map<Long, List<KeyValue>> done = resolved.computeIfAbsent(kind, k -> new HashMap<>());
        Set<Long> withoutAttributes = leftOffIds.computeIfAbsent(kind, k -> new HashSet<>());
        if (leftOffWhole.getOrDefault(kind, false)) {
            firstRow.forEach((id, row) -> {
                if (!done.containsKey(id)) unjoined.add(leftOff(kind, id, row, "the batch's " + kind.what
                        + " attributes are left off (see the report on its first rows)"));
            });
            return Map.of();
        }
        // the keys to resolve, and why any cannot be
        Map<Long, Long> keys = new LinkedHashMap<>();
        long maxKey = -1;
        for (Map.Entry<Long, Rows.Root> e : firstRow.entrySet()) {
            if (done.containsKey(e.getKey())) {
                // each window is a delivered batch of its own: its records without attributes are reported in it
                if (withoutAttributes.contains(e.getKey())) unjoined.add(leftOff(kind, e.getKey(), e.getValue(),
                        "as in the batch's earlier part (see the report there)"));
                continue;
            }
            String unproven = current.unprovenKey(e.getKey());
            if (unproven != null) {
                unjoined.add(leftOff(kind, e.getKey(), e.getValue(), unproven));
                done.put(e.getKey(), List.of());
                withoutAttributes.add(e.getKey());
                continue;
            }
            long key = current.key(e.getKey());
            keys.put(e.getKey(), key);
            maxKey = Math.max(maxKey, key);
        }
        long readTo = Math.max(maxKey, current.keysFollowOffset() ? maxId : -1);
        attrs.readThrough(readTo);
        for (OtherRoots other : others) other.readPast(readTo);

        if (current.keysFollowOffset() && current.offsetLow <= maxId) {
            String hidden = unclaimedInInterval(kind, attrs, current, next, maxId);
            if (hidden != null) {
                leftOffWhole.put(kind, true);
                firstRow.forEach((id, row) -> {
                    if (!done.containsKey(id)) unjoined.add(leftOff(kind, id, row, hidden));
                });
                return Map.of();
            }
        }
        noteSpilling(current, next);
        for (Map.Entry<Long, Long> e : keys.entrySet()) {
            long key = e.getValue();
            String contest = contest(kind, key, current, next, moreLater);
            List<Rows.Attribute> found = contest == null ? attrs.peek(key) : List.of();
            if (contest == null) contest = twoBatches(found, key);
            if (contest == null && !found.isEmpty()) contest = spilledInto(key, current, next, moreLater);
            if (contest != null) {
                unjoined.add(leftOff(kind, e.getKey(), firstRow.get(e.getKey()), contest));
                done.put(e.getKey(), List.of());
                withoutAttributes.add(e.getKey());
            } else {
                done.put(e.getKey(), attrs.take(key).stream().map(Rows.Attribute::attribute).toList());
            }
        }
        return done;
    }

    /** Sets how the partition's exporter numbers resource and scope ids (a batch told). */
    void exporterNumbering(BatchClaims.Numbering numbering) {
        this.exporterNumbering = numbering;
    }

    /** How the partition's exporter numbers resource and scope ids, as the other signals' batches read so far tell. */
    BatchClaims.Numbering toldByOthers() {
        for (OtherRoots other : others) {
            if (other.toldNumbering() != null) return other.toldNumbering();
        }
        return null;
    }

    /** Reads the other signals' roots on until one tells the numbering or none is left below {@code key}. */
    void readOthersPast(long key) {
        for (OtherRoots other : others) other.readPast(key);
    }

    /** Why {@code key} may belong to another batch than {@code current}, or null when no other may claim it. */
    private String contest(Kind kind, long key, BatchClaims current, BatchClaims next, boolean moreLater) {
        for (BatchClaims c : ours) {
            if (c.owner != current.owner && c.mayClaim(kind, key)) return "parent_id " + key + " may also be " + c.origin + "'s";
        }
        if (next != null && next.owner != current.owner && next.mayClaim(kind, key)) {
            return "parent_id " + key + " may also be " + next.origin + "'s";
        }
        BatchClaims last = next != null ? next : current;
        if (moreLater && key >= last.nextOffsetFloor) {
            return "parent_id " + key + " lies beyond the batch's ids and may belong to a batch not read yet";
        }
        for (OtherRoots other : others) {
            BatchClaims c = other.claimant(kind, key, exporterNumbering);
            if (c != null) return "parent_id " + key + " may also be " + c.origin + "'s";
        }
        return null;
    }

    /**
     * Records the first batch, of this signal or another, whose keys reach the proven offset of a later batch (the
     * next one of any signal: one id generator numbers them all).
     */
    private void noteSpilling(BatchClaims current, BatchClaims next) {
        if (spilling != null) return;
        BatchClaims batch = null;
        if (current.offsetKnown()) {
            // a continuation of the same batch (a window cut by the row limit) is no later batch
            long nextOffset = next != null && next.owner != current.owner && next.offsetKnown()
                    ? next.offsetLow : BatchClaims.UNBOUNDED;
            for (OtherRoots other : others) nextOffset = Math.min(nextOffset, other.nextOffsetAbove(current.offsetLow));
            if (nextOffset != BatchClaims.UNBOUNDED && current.keysReach(nextOffset)) batch = current;
        }
        for (OtherRoots other : others) {
            if (batch == null) batch = other.spilling(exporterNumbering);
        }
        if (batch != null) {
            spilling = batch.origin + " has resource or scope parent_id " + batch.maxKey() + ", at or past a later "
                    + "batch's offset";
        }
    }

    /**
     * Why rows under {@code key} may include another batch's resources or scopes without records, in a partition
     * whose exporter numbers them past its ids: an earlier batch's (the batch's offset is not 0, so batches came
     * before it) or, for a key past the batch's own ids, a later one's. Null when neither can be.
     */
    private String spilledInto(long key, BatchClaims current, BatchClaims next, boolean moreLater) {
        if (spilling == null) return null;
        boolean earlier = current.offsetLow > 0 || !ours.isEmpty();
        boolean later = key >= current.nextOffsetFloor && (next != null || moreLater);
        if (!earlier && !later) return null;
        return "parent_id " + key + " may carry the attributes of " + (earlier ? "an earlier" : "a later")
                + " batch's resource or scope without records: " + spilling;
    }

    /** A shared row inside the batch's id interval that no batch may claim, described, or null. */
    private String unclaimedInInterval(Kind kind, ChildTable<Rows.Attribute> attrs, BatchClaims current,
                                       BatchClaims next, long maxId) {
        // also when the batch's later parts (a window cut by the row limit) might claim a key: a boundary hidden in
        // this part would already have shifted its keys
        for (long key : attrs.held(current.offsetLow, maxId).keySet()) {
            boolean claimed = current.mayClaim(kind, key) || ours.stream().anyMatch(c -> c.mayClaim(kind, key))
                    || (next != null && next.mayClaim(kind, key))
                    || others.stream().anyMatch(o -> o.claimant(kind, key, exporterNumbering) != null);
            if (!claimed) {
                return kind.table.directory() + " has rows with parent_id " + key + ", inside the batch's ids ("
                        + current.offsetLow + " to " + maxId + "), that no batch claims: a batch boundary may hide in"
                        + " the window, which would shift the keys of its later rows";
            }
        }
        return null;
    }

    /** Why rows under one parent id are two batches' (two attributes with one key), or null. */
    private static String twoBatches(List<Rows.Attribute> rows, long key) {
        Set<String> seen = new HashSet<>();
        for (Rows.Attribute row : rows) {
            if (!seen.add(row.attribute().getKey())) {
                return "parent_id " + key + " has two attributes '" + row.attribute().getKey()
                        + "': rows of two batches share it";
            }
        }
        return null;
    }

    private UnjoinedRow leftOff(Kind kind, long id, Rows.Root row, String why) {
        return new UnjoinedRow(row.file(), root, row.fileRow(), kind.what + ".id " + id + ": attributes left off, " + why);
    }

    private static Map<Long, List<KeyValue>> literal(ChildTable<Rows.Attribute> attrs, Set<Long> ids) {
        long maxKey = ids.stream().mapToLong(Long::longValue).max().orElse(-1);
        attrs.readThrough(maxKey);
        Map<Long, List<KeyValue>> result = new HashMap<>();
        for (long id : ids) result.put(id, attrs.peek(id).stream().map(Rows.Attribute::attribute).toList());
        return result;
    }

    /**
     * Done with a batch (not continued by the next window): its claims join the history, rows no later batch can claim
     * ({@code parent_id} below the next batch's smallest offset) are dropped, and so are claims no later key can meet.
     */
    void finishBatch(BatchClaims current) {
        ours.removeIf(c -> c.owner == current.owner);
        ours.add(current);
        if (mode == JoinMode.LITERAL) return;
        long below = current.nextOffsetFloor;
        for (ChildTable<Rows.Attribute> attrs : tables.values()) attrs.evictThrough(below - 1);
        ours.removeIf(c -> c.maxKey() < below);
        for (OtherRoots other : others) other.forgetBelow(below);
    }

    @Override
    public void close() {
        tables.values().forEach(ChildTable::close);
        others.forEach(OtherRoots::close);
    }
}
