package io.pqflux.tempo.query.internal.search;

import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.nested.NestedBatch;
import io.pqflux.nested.NestedColumn;
import io.pqflux.nested.SlotReader;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.ColumnPaths;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.TraceRows;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/**
 * Which rows of a decoded batch hold a trace that can satisfy a search's pruning predicate ({@link SearchPruning}),
 * asked of each row's own values where the reader asked it of a row group's or page's statistics: the traces of the
 * other rows cannot match, so they are never assembled or evaluated. Like pruning, a necessary condition only: the
 * engine still evaluates the query exactly on every candidate.
 *
 * <p>Each leaf of the predicate asks whether some value of its column in the row satisfies it, with the predicate's own
 * semantics ({@code notEq} holds for a null, every other comparison needs a value); {@code And} and {@code Or} combine
 * those answers. A leaf this class cannot answer exactly for the batch (its column not read, a type or operator it does
 * not compare) holds for every row, so the answer only ever widens.
 */
public final class CandidateRows {

    /** One row's answer. */
    private interface RowTest {
        boolean test(int row);
    }

    private static final RowTest ANY = row -> true;

    private final RowTest test;
    /** A leaf below the spans list and the level of the list's elements: a row's span count; null when none was read. */
    private final NestedColumn spanLeaf;
    private final int spanLevel;

    private CandidateRows(RowTest test, NestedColumn spanLeaf, int spanLevel) {
        this.test = test;
        this.spanLeaf = spanLeaf;
        this.spanLevel = spanLevel;
    }

    /**
     * The candidate rows of {@code batch} for {@code pruning} (null: every row), the batch's spans being the elements
     * at {@code spanPath} (which ends in a dot).
     */
    public static CandidateRows of(Predicate pruning, NestedBatch batch, String spanPath) {
        Map<String, NestedColumn> columns = new HashMap<>();
        NestedColumn spanLeaf = null;
        for (int i = 0; i < batch.schema().leafCount(); i++) {
            NestedColumn column = batch.column(i);
            String path = column.column().dottedPath();
            columns.putIfAbsent(path, column);
            if (spanLeaf == null && path.startsWith(spanPath)) spanLeaf = column;
        }
        int spanLevel = ColumnPaths.level(spanPath.substring(0, spanPath.length() - 1));
        // without a span leaf a rejected row's spans could not be counted as inspected: every row is a candidate
        RowTest test = pruning == null || spanLeaf == null ? ANY : test(pruning, columns);
        return new CandidateRows(test, spanLeaf, spanLevel);
    }

    /** Whether the trace in {@code row} (of the batch, not of its selection) can match. */
    public boolean test(int row) {
        return test.test(row);
    }

    /** The spans of the trace in {@code row}, for a row {@link #test} rejected. */
    public int spanCount(int row) {
        long range = slots(spanLeaf, row, spanLevel);
        return (int) range - (int) (range >>> 32);
    }

    /**
     * The trace of every row of the batch (its selection's rows) that {@link #test} accepts, and {@code spans} (a
     * row's test of its own, asked after the predicate's; null: none), each with its row, handed to {@code sink} as it
     * is assembled; the span count of each rejected row goes to {@code ruledOutSpans}, so the rows still count as
     * inspected.
     */
    public void forEachTrace(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, IntPredicate spans,
                             IntConsumer ruledOutSpans, Consumer<TraceRows.RowTrace> sink) {
        IntPredicate candidate = spans == null || spanLeaf == null ? this::test : row -> test(row) && spans.test(row);
        mapper.forEachRowTrace(batch, keys, candidate, row -> ruledOutSpans.accept(spanCount(row)), sink);
    }

    /**
     * The slots of {@code column}'s level {@code maxLevel} (or above, the deepest repeated one) below {@code row},
     * first in the high half, end in the low: each repeated level maps a range of parent slots to the contiguous range
     * of their elements.
     */
    static long slots(NestedColumn column, int row, int maxLevel) {
        int first = row, end = row + 1;
        for (int level = 1; level <= maxLevel && first < end; level++) {
            if (column.repetition(level) != FieldRepetitionType.REPEATED) continue;
            first = column.offset(level, first);
            end = column.offset(level, end);
        }
        return (long) first << 32 | end;
    }

    private static RowTest test(Predicate predicate, Map<String, NestedColumn> columns) {
        return switch (predicate) {
            case Predicate.And and -> {
                List<RowTest> all = and.operands().stream().map(p -> test(p, columns)).filter(t -> t != ANY).toList();
                yield all.isEmpty() ? ANY : row -> {
                    for (RowTest t : all) if (!t.test(row)) return false;
                    return true;
                };
            }
            case Predicate.Or or -> {
                List<RowTest> any = or.operands().stream().map(p -> test(p, columns)).toList();
                yield any.contains(ANY) ? ANY : row -> {
                    for (RowTest t : any) if (t.test(row)) return true;
                    return false;
                };
            }
            case Predicate.Comparison c -> leaf(columns.get(c.column()), c.operator(), c.value());
            case Predicate.IsNotNull n -> leaf(columns.get(n.column()), null, null);
            default -> ANY;
        };
    }

    /** Some value of the column in the row is non-null and {@code operator value} ({@code operator} null: any value). */
    private static RowTest leaf(NestedColumn column, Predicate.Operator operator, Object value) {
        if (column == null) return ANY;
        SlotTest slot = slotTest(column, operator, value);
        if (slot == null) return ANY;
        int depth = column.depth();
        return row -> {
            long range = slots(column, row, depth);
            for (int s = (int) (range >>> 32), end = (int) range; s < end; s++) if (slot.test(s)) return true;
            return false;
        };
    }

    /** One leaf slot's answer. */
    private interface SlotTest {
        boolean test(int slot);
    }

    /** The test of one slot's value, or null when it cannot be answered exactly. */
    private static SlotTest slotTest(NestedColumn column, Predicate.Operator operator, Object value) {
        SlotReader values = SlotReader.of(column);
        if (operator == null) return slot -> !values.isNull(slot);
        ColumnDescriptor descriptor = column.column();
        boolean notEq = operator == Predicate.Operator.NOT_EQ;
        return switch (descriptor.physicalType()) {
            case BYTE_ARRAY -> value instanceof String s && (operator == Predicate.Operator.EQ || notEq)
                    ? strings(values, s.getBytes(StandardCharsets.UTF_8), notEq) : null;
            case INT32, INT64 -> {
                if (!(value instanceof Long || value instanceof Integer)) yield null;
                if (descriptor.logicalType() instanceof LogicalType.IntType t && !t.isSigned()) yield null;
                long literal = ((Number) value).longValue();
                boolean int32 = descriptor.physicalType() == PhysicalType.INT32;
                yield slot -> values.isNull(slot) ? notEq
                        : operator.holds(Long.compare(int32 ? values.int32(slot) : values.int64(slot), literal));
            }
            default -> null;
        };
    }

    /** Equality (or inequality) of strings by their UTF-8 bytes, decided once per dictionary entry. */
    private static SlotTest strings(SlotReader values, byte[] literal, boolean notEq) {
        MemorySegment wanted = MemorySegment.ofArray(literal);
        byte[] entries = new byte[values.dictionarySize()]; // 0 not yet compared, 1 equal, 2 different
        return slot -> {
            if (values.isNull(slot)) return notEq;
            int entry = values.dictionaryIndex(slot);
            boolean equal;
            if (entry < 0) {
                MemorySegment bytes = values.bytes(slot);
                equal = MemorySegment.mismatch(bytes, 0, bytes.byteSize(), wanted, 0, literal.length) == -1;
            } else {
                if (entries[entry] == 0) {
                    MemorySegment bytes = values.bytes(slot);
                    entries[entry] = (byte) (MemorySegment.mismatch(bytes, 0, bytes.byteSize(), wanted, 0, literal.length) == -1 ? 1 : 2);
                }
                equal = entries[entry] == 1;
            }
            return equal != notEq;
        };
    }
}
