package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.filter.RowRanges;
import io.pqflux.internal.filter.BoundPredicate;
import io.pqflux.filter.Match;
import io.pqflux.internal.plan.ChunkPlan;
import io.pqflux.internal.plan.RowGroupReads;
import io.pqflux.io.ByteRange;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One row group read in stages, so that the I/O and the decoding can run where they belong (an asynchronous fetch on
 * I/O threads, the columns decoded in parallel on others): {@link ParquetReader#plan} decides what to read (pruning
 * and page-index decisions are made there, which may read the file), then
 * <ol>
 *   <li>the bytes: {@link #ranges()} are the reads it needs, merged across columns; each is either
 *       {@linkplain #supply supplied} by the caller, {@linkplain #fetch() fetched} from the reader's file here, or
 *       read from the file when a column first needs it (a mapping: views, no copy);</li>
 *   <li>{@link #decodeColumn(int)} for every column, in any order, from any threads at once, without waiting for
 *       each other;</li>
 *   <li>{@link #finish()}: the filter applied exactly, the batch handed over.</li>
 * </ol>
 * {@link ParquetReader#readRowGroup} is these same stages run on the caller's thread (or its decode executor).
 *
 * <p>Memory: the bytes of a read are released when the last column using them is decoded (decoded vectors never
 * point into them), or by {@link #close()}; supplied bytes go back through the owner given with them. Decoded
 * vectors belong to this read until {@link #finish()} hands the projected ones over in the batch; columns read
 * only for the filter are closed there. {@link #close()} releases whatever is still held (a failed or abandoned
 * read) and must come after every stage call has returned. The reader must stay open until then.
 */
public final class RowGroupRead implements AutoCloseable {

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
    private final ColumnVector[] vectors;
    private final boolean[] started;
    private boolean finished;
    private boolean closed;

    /**
     * @param skipped   the pruning ruled the row group out: no columns, no reads, an empty batch
     * @param columns   the projected columns, then those the filter still tests
     * @param projected how many of {@code columns} are projected
     */
    RowGroupRead(ParquetReader reader, boolean guarded, RowGroupScanner scanner, RowGroupChunks chunks, RowRanges rows, boolean skipped,
                 Map<BoundPredicate.Leaf, Match> decided, List<ColumnDescriptor> columns, int projected,
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
        this.vectors = new ColumnVector[columns.size()];
        this.started = new boolean[columns.size()];
    }

    public int rowGroup() {
        return chunks.index();
    }

    /** The rows to decode: the requested ones the pruning left, empty when the row group was skipped. */
    public RowRanges rows() {
        return rows;
    }

    /**
     * The reads of this row group within the file, in file order: the chunks' ranges merged across columns (small
     * gaps read through). A range the metadata places outside the file is not among them; decoding its column
     * reports it.
     */
    public List<ByteRange> ranges() {
        return reads.fetchRanges();
    }

    /** The bytes {@link #ranges()} read, gaps read through included. */
    public long rangeBytes() {
        long bytes = 0;
        for (ByteRange range : ranges()) bytes += range.length();
        return bytes;
    }

    /**
     * Hands over the bytes of the range at {@code offset} (one of {@link #ranges()}) and their {@code owner}, closed
     * when no column needs them any more or at {@link #close()} (at once, when the read is closed already).
     *
     * @throws IllegalArgumentException when no range starts at {@code offset} with the length of {@code bytes}
     */
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

    /** The columns to decode: the projected ones, in projection order, then those read only for the filter. */
    public List<ColumnDescriptor> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    /**
     * Decodes column {@code index} (of {@link #columns()}), once. Columns may be decoded concurrently; none waits for
     * another. Bytes not supplied are read from the file, which blocks when the file does.
     */
    public void decodeColumn(int index) {
        synchronized (this) {
            if (closed || finished) throw new IllegalStateException("row group " + rowGroup() + "'s read is " + (closed ? "closed" : "finished"));
            if (started[index]) throw new IllegalStateException("column " + columns.get(index) + " is decoded already");
            started[index] = true;
        }
        ColumnVector vector = whileOpen(() -> ColumnChunkReader.read(chunks, columns.get(index), rows, plans.get(index),
                reads, index));
        synchronized (this) {
            if (!closed) {
                vectors[index] = vector;
                return;
            }
        }
        vector.close();
    }

    /**
     * The batch, once every column is decoded: the filter evaluated exactly over the decoded columns, the columns
     * read only for it closed. The batch is the caller's; this read holds nothing more.
     */
    public synchronized RowGroupBatch finish() {
        if (closed || finished) throw new IllegalStateException("row group " + rowGroup() + "'s read is " + (closed ? "closed" : "finished"));
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) throw new IllegalStateException("column " + columns.get(i) + " is not decoded");
        }
        RowGroupBatch batch = skipped ? scanner.skipped(rowGroup())
                : scanner.batch(chunks, rows, decided, columns, Arrays.asList(vectors), projected);
        finished = true;
        for (int i = projected; i < vectors.length; i++) vectors[i].close();
        Arrays.fill(vectors, null);
        return batch;
    }

    private <T> T whileOpen(Supplier<T> stage) {
        return guarded ? reader.whileOpen(stage) : stage.get();
    }

    /** Releases what this read still holds: fetched bytes, and decoded vectors not handed over in a batch; idempotent. */
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
            reads.close();
        }
    }
}
