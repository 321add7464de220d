package io.pqflux.reader;

import io.pqflux.error.ResourceLimitException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.Match;
import io.pqflux.filter.RowRanges;
import io.pqflux.internal.filter.BoundPredicate;
import io.pqflux.internal.plan.ChunkPlan;
import io.pqflux.internal.plan.RowGroupReads;
import io.pqflux.io.ByteRange;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One row group planned once and fetched once, then read in slices ({@link #slice}): pruning, page-index decisions
 * and the byte ranges are the row group's, so slices of a large row group neither re-read its page indexes nor
 * re-request its dictionaries and the pages two slices straddle, and the bytes read are counted once. Made by
 * {@link ParquetReader#planRowGroup}; {@link ParquetReader#plan} is a plan read in one slice.
 *
 * <p>Memory: the plan's bytes ({@link #ranges()}, fetched by {@link #fetch()}, {@linkplain #supply supplied}, or views
 * of a mapping taken as slices decode) are held while the plan may still make slices. {@link #close()} says it will
 * make no more; each byte range is then freed once the slices decoding from it are done, everything once the last
 * slice is closed, and then the {@linkplain #whenReleased release actions} run. The reader must stay open until then.
 */
public final class RowGroupPlan implements PlannedReads, AutoCloseable {

    private final ParquetReader reader;
    /**
     * Whether each stage takes the reader's open-lock itself; not inside {@code readRowGroup}, whose caller holds it
     * throughout (a decode task on an executor taking it again would wait behind a pending close for ever).
     */
    private final boolean guarded;
    private final RowGroupScanner scanner;
    private final RowGroupChunks chunks;
    private final RowRanges rows;
    private final boolean skipped;
    private final Map<BoundPredicate.Leaf, Match> decided;
    private final List<ColumnDescriptor> columns;
    private final int projected;
    private final List<ChunkPlan> plans;
    private final RowGroupReads reads;
    private final List<Runnable> releaseActions = new ArrayList<>();
    private int openSlices;
    private boolean closed;
    private boolean released;

    /**
     * @param skipped   the pruning ruled the row group out: no columns, no reads, empty batches
     * @param columns   the projected columns, then those the filter still tests
     * @param projected how many of {@code columns} are projected
     * @param plans     what each of {@code columns} reads of its chunk for {@code rows}
     */
    RowGroupPlan(ParquetReader reader, boolean guarded, RowGroupScanner scanner, RowGroupChunks chunks, RowRanges rows,
                 boolean skipped, Map<BoundPredicate.Leaf, Match> decided, List<ColumnDescriptor> columns, int projected,
                 List<ChunkPlan> plans, RowGroupReads reads) {
        this.reader = reader;
        this.guarded = guarded;
        this.scanner = scanner;
        this.chunks = chunks;
        this.rows = rows;
        this.skipped = skipped;
        this.decided = decided;
        this.columns = List.copyOf(columns);
        this.projected = projected;
        this.plans = List.copyOf(plans);
        this.reads = reads;
    }

    public int rowGroup() {
        return chunks.index();
    }

    /** The rows to read: the requested ones the pruning left, empty when the row group was skipped. */
    public RowRanges rows() {
        return rows;
    }

    /**
     * The reads of this row group within the file, in file order: the chunks' ranges merged across columns (small
     * gaps read through). A range the metadata places outside the file is not among them; decoding its column
     * reports it.
     */
    @Override
    public List<ByteRange> ranges() {
        return reads.fetchRanges();
    }

    @Override
    public void supply(long offset, MemorySegment bytes, AutoCloseable owner) {
        reads.supply(offset, bytes, owner);
    }

    /** Reads every range not supplied from the reader's file, now: on a thread that may block, when the file blocks. */
    public void fetch() {
        whileOpen(() -> {
            reads.fetchAll();
            return null;
        });
    }

    /** The columns slices decode: the projected ones, in projection order, then those read only for the filter. */
    public List<ColumnDescriptor> columns() {
        return columns;
    }

    /**
     * A read of {@code sliceRows} of the plan's {@link #rows()}, decoding only the pages holding them from the plan's
     * bytes. A slice of other rows than the plan's reads the chunks' offset indexes (once per plan): call it where the
     * file may block. The caller closes the slice.
     *
     * @throws IllegalStateException when the plan is closed
     */
    public RowGroupRead slice(RowRanges sliceRows) {
        synchronized (this) {
            if (closed) throw new IllegalStateException("row group " + rowGroup() + "'s plan is closed: it makes no more slices");
            openSlices++;
        }
        List<RowGroupReads.Lease> leases = new ArrayList<>(columns.size());
        try {
            RowRanges wanted = skipped ? RowRanges.empty() : sliceRows.intersect(rows);
            if (wanted.isEmpty()) return new RowGroupRead(this, wanted, List.of(), List.of());
            if (wanted.rowCount() > Integer.MAX_VALUE - 8) {
                throw new ResourceLimitException("row group declares " + wanted.rowCount() + " rows; at most "
                        + (Integer.MAX_VALUE - 8) + " are read at once", new SourceLocation(chunks.file().name(), rowGroup(), null, -1));
            }
            List<ChunkPlan> slicePlans = plans;
            if (!wanted.equals(rows)) {
                slicePlans = whileOpen(() -> {
                    chunks.prefetchOffsetIndexes(columns);
                    List<ChunkPlan> planned = new ArrayList<>(columns.size());
                    for (ColumnDescriptor column : columns) planned.add(ColumnChunkReader.plan(chunks, column, wanted));
                    return planned;
                });
            }
            for (int c = 0; c < columns.size(); c++) leases.add(reads.lease(c, slicePlans.get(c).ranges()));
            return new RowGroupRead(this, wanted, slicePlans, leases);
        } catch (RuntimeException | Error e) {
            leases.forEach(RowGroupReads.Lease::release);
            sliceClosed();
            throw e;
        }
    }

    /** The plan's only slice, reading all its rows; the plan is closed, its bytes freed with the slice. */
    RowGroupRead sliceWhole() {
        try {
            return slice(rows);
        } finally {
            close();
        }
    }

    /** Runs {@code action} once the plan is closed and its last slice too: every byte it held is freed. */
    public void whenReleased(Runnable action) {
        synchronized (this) {
            if (!released) {
                releaseActions.add(action);
                return;
            }
        }
        action.run();
    }

    /** The plan makes no more slices; its bytes are freed with its last open slice (now, when none is open). Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        reads.releasePlanHold();
        releaseIfDone();
    }

    /** A slice's read is closed; the last one of a closed plan frees what is left. */
    void sliceClosed() {
        synchronized (this) {
            openSlices--;
        }
        releaseIfDone();
    }

    private void releaseIfDone() {
        List<Runnable> actions;
        synchronized (this) {
            if (!closed || openSlices > 0 || released) return;
            released = true;
            actions = List.copyOf(releaseActions);
            releaseActions.clear();
        }
        RuntimeException failure = null;
        try {
            reads.close();
        } finally {
            // each action runs whatever the others do: one gives back the reader, another the budget
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                    else failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) throw failure;
    }

    RowGroupScanner scanner() {
        return scanner;
    }

    RowGroupChunks chunks() {
        return chunks;
    }

    boolean skipped() {
        return skipped;
    }

    Map<BoundPredicate.Leaf, Match> decided() {
        return decided;
    }

    int projected() {
        return projected;
    }

    <T> T whileOpen(Supplier<T> stage) {
        return guarded ? reader.whileOpen(stage) : stage.get();
    }
}
