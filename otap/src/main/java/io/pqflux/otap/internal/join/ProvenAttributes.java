package io.pqflux.otap.internal.join;

import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.UnjoinedRow;
import io.pqflux.otap.internal.join.BatchClaims.Kind;
import io.pqflux.otap.internal.rows.PartialMessage;
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
 * <p>The strategy of {@link JoinMode#AUTO} and {@link JoinMode#BATCH_AWARE} (which differ in how {@link BatchClaims}
 * number a batch's keys, not here).
 */
final class ProvenAttributes implements SharedAttributes {

    private final OtapTable root;
    private final Map<Kind, ChildTable<Rows.Attribute>> tables;
    private final List<OtherRoots> others;
    /** The replayed signal's batches whose keys may still matter, oldest first. */
    private final List<BatchClaims> ours = new ArrayList<>();
    /** What the current batch resolved, kept across its continuation windows. */
    private final Map<Kind, Map<Long, List<PartialMessage>>> resolved = new EnumMap<>(Kind.class);
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
    /** The claims of the windows read past the next one for the window being resolved. */
    private List<BatchClaims> later = List.of();

    ProvenAttributes(OtapTable root, Map<Kind, ChildTable<Rows.Attribute>> tables, List<OtherRoots> others) {
        this.root = root;
        this.tables = tables;
        this.others = others;
    }

    @Override
    public Map<Long, List<PartialMessage>> resolve(Kind kind, List<Rows.Root> rows, BatchClaims current, BatchClaims next,
                                             List<BatchClaims> later, boolean moreLater, long maxId, List<UnjoinedRow> unjoined) {
        this.later = later;
        ChildTable<Rows.Attribute> attrs = tables.get(kind);
        Map<Long, Rows.Root> firstRow = SharedAttributes.firstRows(kind, rows);
        if (firstRow.isEmpty() || attrs == null) return Map.of();
        if (current.owner != resolvedOwner) {
            resolved.clear();
            leftOffWhole.clear();
            leftOffIds.clear();
        }
        resolvedOwner = current.owner;
        Map<Long, List<PartialMessage>> done = resolved.computeIfAbsent(kind, k -> new HashMap<>());
        if (leftOffWhole.getOrDefault(kind, false)) {
            leftOffRest(kind, firstRow, done, "the batch's " + kind.what
                    + " attributes are left off (see the report on its first rows)", unjoined);
            return Map.of();
        }
        Map<Long, Long> keys = provenKeys(kind, firstRow, current, unjoined);
        long maxKey = keys.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        long readTo = Math.max(maxKey, current.keysFollowOffset() ? maxId : -1);
        attrs.readThrough(readTo);
        for (OtherRoots other : others) other.readPast(readTo);

        if (current.keysFollowOffset() && current.offsetLow <= maxId) {
            // a boundary hidden in the window shifts the keys of both kinds, whichever table betrays it
            String hidden = null;
            for (Map.Entry<Kind, ChildTable<Rows.Attribute>> table : tables.entrySet()) {
                table.getValue().readThrough(readTo);
                if (hidden == null) hidden = unclaimedInInterval(table.getKey(), table.getValue(), current, next, maxId);
            }
            if (hidden != null) {
                leftOffWhole.put(kind, true);
                leftOffRest(kind, firstRow, done, hidden, unjoined);
                return Map.of();
            }
        }
        noteSpilling(current, next);
        for (Map.Entry<Long, Long> e : keys.entrySet()) {
            attach(kind, e.getKey(), e.getValue(), firstRow.get(e.getKey()), current, next, moreLater, unjoined);
        }
        return done;
    }

    /**
     * The key of every group not resolved yet whose key the batch proves, by stored id; the others are reported (again,
     * in a later window of the batch) and resolved to no attributes.
     */
    private Map<Long, Long> provenKeys(Kind kind, Map<Long, Rows.Root> firstRow, BatchClaims current,
                                       List<UnjoinedRow> unjoined) {
        Map<Long, List<PartialMessage>> done = resolved.get(kind);
        Set<Long> withoutAttributes = leftOffIds.computeIfAbsent(kind, k -> new HashSet<>());
        Map<Long, Long> keys = new LinkedHashMap<>();
        for (Map.Entry<Long, Rows.Root> e : firstRow.entrySet()) {
            if (done.containsKey(e.getKey())) {
                // each window is a delivered batch of its own: its records without attributes are reported in it
                if (withoutAttributes.contains(e.getKey())) unjoined.add(leftOff(kind, e.getKey(), e.getValue(),
                        "as in the batch's earlier part (see the report there)"));
                continue;
            }
            String unproven = current.unprovenKey(e.getKey());
            if (unproven != null) {
                leaveOff(kind, e.getKey(), e.getValue(), unproven, unjoined);
            } else {
                keys.put(e.getKey(), current.key(e.getKey()));
            }
        }
        return keys;
    }

    /** Attaches the rows under {@code key} to the group with stored id {@code id}, unless another batch may claim them. */
    private void attach(Kind kind, long id, long key, Rows.Root row, BatchClaims current, BatchClaims next,
                        boolean moreLater, List<UnjoinedRow> unjoined) {
        ChildTable<Rows.Attribute> attrs = tables.get(kind);
        String contest = contest(kind, key, current, next, moreLater);
        List<Rows.Attribute> found = contest == null ? attrs.peek(key) : List.of();
        if (contest == null) contest = twoBatches(found, key);
        if (contest == null && !found.isEmpty()) contest = spilledInto(key, current, next, moreLater);
        if (contest != null) leaveOff(kind, id, row, contest, unjoined);
        else resolved.get(kind).put(id, attrs.take(key).stream().map(Rows.Attribute::attribute).toList());
    }

    /** Resolves the group to no attributes and reports why. */
    private void leaveOff(Kind kind, long id, Rows.Root row, String why, List<UnjoinedRow> unjoined) {
        unjoined.add(leftOff(kind, id, row, why));
        resolved.get(kind).put(id, List.of());
        leftOffIds.computeIfAbsent(kind, k -> new HashSet<>()).add(id);
    }

    /** Reports every group of the window not resolved yet, whose attributes of this kind are all left off. */
    private void leftOffRest(Kind kind, Map<Long, Rows.Root> firstRow, Map<Long, List<PartialMessage>> done, String why,
                             List<UnjoinedRow> unjoined) {
        firstRow.forEach((id, row) -> {
            if (!done.containsKey(id)) unjoined.add(leftOff(kind, id, row, why));
        });
    }

    @Override
    public void exporterNumbering(BatchClaims.Numbering numbering) {
        this.exporterNumbering = numbering;
    }

    @Override
    public BatchClaims.Numbering toldByOthers() {
        for (OtherRoots other : others) {
            if (other.toldNumbering() != null) return other.toldNumbering();
        }
        return null;
    }

    @Override
    public void readOthersPast(long key) {
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
        for (BatchClaims c : later) {
            if (c.owner != current.owner && c.mayClaim(kind, key)) return "parent_id " + key + " may also be " + c.origin + "'s";
        }
        BatchClaims last = !later.isEmpty() ? later.getLast() : next != null ? next : current;
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
        for (long key : attrs.held(current.offsetLow, maxId)) {
            boolean claimed = current.mayClaim(kind, key) || ours.stream().anyMatch(c -> c.mayClaim(kind, key))
                    || (next != null && next.mayClaim(kind, key)) || later.stream().anyMatch(c -> c.mayClaim(kind, key))
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
            if (!seen.add(row.key())) {
                return "parent_id " + key + " has two attributes '" + row.key()
                        + "': rows of two batches share it";
            }
        }
        return null;
    }

    private UnjoinedRow leftOff(Kind kind, long id, Rows.Root row, String why) {
        return new UnjoinedRow(row.file(), root, row.fileRow(), kind.what + ".id " + id + ": attributes left off, " + why);
    }

    /**
     * Done with a batch (not continued by the next window): its claims join the history, rows no later batch can claim
     * ({@code parent_id} below the next batch's smallest offset) are dropped, and so are claims no later key can meet.
     */
    @Override
    public void finishBatch(BatchClaims current) {
        ours.removeIf(c -> c.owner == current.owner);
        ours.add(current);
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
