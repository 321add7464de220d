package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.filter.RowRanges;
import io.pqflux.internal.plan.ChunkPlan;
import io.pqflux.internal.plan.RowGroupReads;
import io.pqflux.io.ByteRange;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Rows of one row group read in stages, so that the I/O and the decoding can run where they belong (an asynchronous
 * fetch on I/O threads, the columns decoded in parallel on others): a slice of a {@link RowGroupPlan}, which decided
 * what to read (pruning and page-index decisions are made there, which may read the file), then
 * <ol>
 *   <li>the bytes: the plan's {@link #ranges()}, merged across columns; each is either {@linkplain #supply supplied}
 *       by the caller, {@linkplain #fetch() fetched} from the reader's file here, or read from the file when a column
 *       first needs it (a mapping: views, no copy). A read made by {@link ParquetReader#plan} is its plan's only
 *       slice; slices of a shared plan take their bytes from the plan, fetched through it once;</li>
 *   <li>{@link #decodeColumn(int)} for every column, in any order, from any threads at once, without waiting for
 *       each other;</li>
 *   <li>{@link #finish()}: the filter applied exactly, the batch handed over.</li>
 * </ol>
 * {@link ParquetReader#readRowGroup} is these same stages run on the caller's thread (or its decode executor).
 *
 * <p>Memory: a column's hold on the plan's bytes is given up once it is decoded (decoded vectors never point into
 * them), or by {@link #close()}; the bytes are freed when nothing holds them. Decoded vectors belong to this read
 * until {@link #finish()} hands the projected ones over in the batch; columns read only for the filter are closed
 * there. {@link #close()} releases whatever is still held (a failed or abandoned read) and must come after every
 * stage call has returned. The reader must stay open until then.
 */
public final class RowGroupRead implements PlannedReads, AutoCloseable {

    private final RowGroupPlan plan;
    private final RowRanges rows;
    private final List<ChunkPlan> chunkPlans;
    private final List<RowGroupReads.Lease> leases;
    private final ColumnVector[] vectors;
    private final boolean[] started;
    private boolean finished;
    private boolean closed;

    /**
     * @param rows       the rows to decode; empty (with no chunk plans) when the plan skipped the row group or none
     *                   of the plan's rows were asked for
     * @param chunkPlans what each of the plan's columns reads for {@code rows}
     * @param leases     per column, its hold on the plan's bytes
     */
    RowGroupRead(RowGroupPlan plan, RowRanges rows, List<ChunkPlan> chunkPlans, List<RowGroupReads.Lease> leases) {
        this.plan = plan;
        this.rows = rows;
        this.chunkPlans = List.copyOf(chunkPlans);
        this.leases = List.copyOf(leases);
        this.vectors = new ColumnVector[chunkPlans.size()];
        this.started = new boolean[chunkPlans.size()];
    }

    public int rowGroup() {
        return plan.rowGroup();
    }

    /** The rows to decode: the requested ones the pruning left, empty when the row group was skipped. */
    public RowRanges rows() {
        return rows;
    }

    /** The plan's reads (shared by its slices), in file order. */
    @Override
    public List<ByteRange> ranges() {
        return plan.ranges();
    }

    @Override
    public void supply(long offset, MemorySegment bytes, AutoCloseable owner) {
        plan.supply(offset, bytes, owner);
    }

    /** Reads every range of the plan not supplied from the reader's file, now: on a thread that may block, when the file blocks. */
    public void fetch() {
        plan.fetch();
    }

    /** The bytes of the pages this read decodes: its own part of the plan's ranges, each chunk's counted apart. */
    public long decodedRangeBytes() {
        long bytes = 0;
        for (ChunkPlan chunk : chunkPlans) {
            for (io.pqflux.internal.plan.ByteRange range : chunk.ranges()) bytes += range.length();
        }
        return bytes;
    }

    /** The columns to decode: the projected ones, in projection order, then those read only for the filter. */
    public List<ColumnDescriptor> columns() {
        return rows.isEmpty() ? List.of() : plan.columns();
    }

    public int columnCount() {
        return chunkPlans.size();
    }

    /**
     * Decodes column {@code index} (of {@link #columns()}), once. Columns may be decoded concurrently; none waits for
     * another. Bytes not supplied are read from the file, which blocks when the file does.
     */
    public void decodeColumn(int index) {
        synchronized (this) {
            if (closed || finished) throw new IllegalStateException("row group " + rowGroup() + "'s read is " + (closed ? "closed" : "finished"));
            if (started[index]) throw new IllegalStateException("column " + columns().get(index) + " is decoded already");
            started[index] = true;
        }
        ColumnVector vector = plan.whileOpen(() -> ColumnChunkReader.read(plan.chunks(), plan.columns().get(index), rows,
                chunkPlans.get(index), leases.get(index)));
        synchronized (this) {
            if (!closed) {
                vectors[index] = vector;
                return;
            }
        }
        vector.close();
    }

    /**
     * How many tasks should decode this read's columns: one per column, or fewer when the read holds less than
     * {@code bytesPerTask} per column (each task then decodes every n-th column, see {@link #decodeTask}), since
     * handing a few pages to a worker and waking the caller again costs more than decoding them; one per column when
     * {@code bytesPerTask} is not positive.
     */
    public int decodeTasks(long bytesPerTask) {
        int columns = columnCount();
        if (bytesPerTask <= 0) return Math.max(1, columns);
        return (int) Math.max(1, Math.min(columns, decodedRangeBytes() / bytesPerTask));
    }

    /** Decodes the columns of task {@code task} of {@code tasks}: {@code task}, {@code task + tasks}, … */
    public void decodeTask(int task, int tasks) {
        for (int column = task; column < columnCount(); column += tasks) decodeColumn(column);
    }

    /**
     * Decodes every column as {@link #decodeTasks(long)} tasks on {@code executor} (on this thread when it is null or
     * one task is enough) and waits for every task, whatever happens to this thread, so the caller may close the read
     * after; the first failure is thrown, later ones are attached to it. A refused task fails the read the same way.
     */
    public void decodeColumns(Executor executor, long bytesPerTask) {
        int tasks = executor == null ? 1 : decodeTasks(bytesPerTask);
        if (tasks == 1) {
            decodeTask(0, 1);
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>(tasks);
        Throwable failure = null;
        try {
            for (int t = 0; t < tasks; t++) {
                int task = t;
                running.add(CompletableFuture.runAsync(() -> decodeTask(task, tasks), executor));
            }
        } catch (RejectedExecutionException e) {
            failure = e;
        }
        for (CompletableFuture<Void> task : running) {
            try {
                task.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (failure == null) failure = cause;
                else if (failure != cause) failure.addSuppressed(cause);
            }
        }
        switch (failure) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure);
        }
    }

    /**
     * The batch, once every column is decoded: the filter evaluated exactly over the decoded columns, the columns
     * read only for it closed. The batch is the caller's; this read holds nothing more.
     */
    public synchronized RowGroupBatch finish() {
        if (closed || finished) throw new IllegalStateException("row group " + rowGroup() + "'s read is " + (closed ? "closed" : "finished"));
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) throw new IllegalStateException("column " + columns().get(i) + " is not decoded");
        }
        RowGroupBatch batch = rows.isEmpty() ? plan.scanner().skipped(rowGroup())
                : plan.scanner().batch(plan.chunks(), rows, plan.decided(), plan.columns(), Arrays.asList(vectors),
                        plan.projected());
        finished = true;
        for (int i = plan.projected(); i < vectors.length; i++) vectors[i].close();
        Arrays.fill(vectors, null);
        return batch;
    }

    /** Releases what this read still holds: its hold on the plan's bytes, and decoded vectors not handed over in a batch; idempotent. */
    @Override
    public void close() {
        List<ColumnVector> held = new ArrayList<>();
        synchronized (this) {
            if (closed) return;
            closed = true;
            for (ColumnVector vector : vectors) {
                if (vector != null) held.add(vector);
            }
            Arrays.fill(vectors, null);
        }
        try {
            held.forEach(ColumnVector::close);
        } finally {
            try {
                leases.forEach(RowGroupReads.Lease::release);
            } finally {
                plan.sliceClosed();
            }
        }
    }
}
