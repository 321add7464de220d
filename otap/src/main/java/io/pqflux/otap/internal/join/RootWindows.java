package io.pqflux.otap.internal.join;

import io.pqflux.otap.PartFile;
import io.pqflux.otap.internal.rows.Columns;
import io.pqflux.otap.internal.rows.Rows;
import io.pqflux.otap.internal.rows.TableChunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A partition's root table cut into exporter batches. Batch boundaries are not recorded; they are proven by what the
 * rows show (docs/otap.md, "Invariants"):
 * <ul>
 *   <li>a file holds whole batches, so a batch ends at the end of a file;</li>
 *   <li>within a batch, roots are in ({@code resource.id}, {@code scope.id}) order and both producers number them per
 *       batch (offset or not, they only grow), so a batch ends wherever that pair goes down;</li>
 *   <li>a batch has one resource per {@code resource.id} and one scope per {@code scope.id}, so a batch ends where the
 *       same id shows another resource or scope;</li>
 *   <li>non-null root ids are dense and ascending within a batch, so a batch ends between two adjacent rows whose ids
 *       are not consecutive. When rows without an id stand between such two, the boundary is somewhere among them:
 *       the window is marked {@link Window#unplacedBoundary()}.</li>
 * </ul>
 * Batches that show none of these (one resource and scope each, ids consecutive) run together. So that memory stays
 * bounded by a batch and not by a file, a run is cut every {@code maxRows} rows
 * ({@link io.pqflux.otap.ReplayOptions#maxWindowRows()}); such a cut is marked a continuation, and the join keeps
 * the batch's offset and resolved attributes across it.
 *
 * @param <R> the decoded root row: whole records for the replayed signal, ids only for the others
 */
final class RootWindows<R extends Rows.Keyed> implements AutoCloseable {

    /**
     * A batch of roots (or, when {@code continuation}, the next part of the previous one): its rows in file order, and
     * where it ends. {@code unplacedBoundary}: the rows hold a batch boundary whose place is unknown. {@code wideIds}:
     * the file stores ids wider than 16 bits, so no batch without ids stands among the rows
     * ({@link TableChunk#wideIds}).
     */
    record Window<R>(PartFile file, List<R> rows, long endRow, boolean continuation, boolean unplacedBoundary,
                     boolean wideIds) {
    }

    private final TableStream stream;
    private final ChunkRows<R> decoder;
    private final int maxRows;
    private final List<R> queue = new ArrayList<>();
    private final List<PartFile> queueFiles = new ArrayList<>();
    /** The root files read so far whose ids are stored wider than 16 bits. */
    private final Set<PartFile> wideIdFiles = new HashSet<>();
    /** Queued rows already checked for a boundary (a boundary before row i means row i starts a batch). */
    private int scanned = 1;
    /** The index of the last scanned row with an id, or -1. */
    private int lastWithId = -1;
    private boolean unplaced;
    /** The last row of the window returned last, and its file: a cut by the limit may turn out to be a boundary. */
    private R lastReturned;
    private PartFile lastReturnedFile;
    private boolean exhausted;
    private boolean cutByLimit;

    RootWindows(TableStream stream, ChunkRows<R> decoder, int maxRows) {
        this.stream = stream;
        this.decoder = decoder;
        this.maxRows = maxRows;
    }

    /** The root files in the order they are read. */
    List<PartFile> files() {
        return stream.files();
    }

    /** The next batch (or part of one), or null after the last. */
    Window<R> next() {
        while (true) {
            int end = boundary();
            boolean limited = end == 0 && queue.size() >= maxRows;
            if (limited) end = maxRows;
            if (end == 0 && exhausted) end = queue.size();
            if (end > 0) {
                boolean continuation = cutByLimit
                        && !startsBatch(lastReturned, lastReturnedFile, queue.getFirst(), queueFiles.getFirst());
                cutByLimit = limited;
                List<R> rows = new ArrayList<>(queue.subList(0, end));
                PartFile file = queueFiles.getFirst();
                lastReturnedFile = queueFiles.get(end - 1);
                queue.subList(0, end).clear();
                queueFiles.subList(0, end).clear();
                Window<R> window = new Window<>(file, rows, rows.getLast().fileRow() + 1, continuation, unplaced,
                        wideIdFiles.contains(file));
                lastReturned = rows.getLast();
                scanned = 1;
                lastWithId = queue.isEmpty() || queue.getFirst().id() < 0 ? -1 : 0;
                unplaced = false;
                return window;
            }
            if (exhausted) return null;
            exhausted = !stream.readNext(slice -> {
                TableChunk chunk = slice.chunk();
                if (chunk.wideIds(Columns.ID)) wideIdFiles.add(slice.file());
                List<R> rows = decoder.decode(chunk);
                queue.addAll(rows);
                for (int row = 0; row < rows.size(); row++) queueFiles.add(slice.file());
            });
        }
    }

    /** The number of queued rows before the first batch boundary within the limit, or 0 when none is queued yet. */
    private int boundary() {
        int limit = Math.min(queue.size(), maxRows);
        if (lastWithId < 0 && !queue.isEmpty() && queue.getFirst().id() >= 0) lastWithId = 0;
        for (; scanned < limit; scanned++) {
            if (startsBatch(scanned)) return scanned;
            R row = queue.get(scanned);
            if (row.id() >= 0) {
                if (lastWithId >= 0 && row.id() != queue.get(lastWithId).id() + 1) unplaced = true;
                lastWithId = scanned;
            }
        }
        return 0;
    }

    private boolean startsBatch(int i) {
        return startsBatch(queue.get(i - 1), queueFiles.get(i - 1), queue.get(i), queueFiles.get(i));
    }

    private static boolean startsBatch(Rows.Keyed previous, PartFile previousFile, Rows.Keyed row, PartFile file) {
        if (previousFile != file) return true;
        long r0 = previous.resourceId(), r1 = row.resourceId();
        if (r0 >= 0 && r1 >= 0 && r1 < r0) return true;
        long s0 = previous.scopeId(), s1 = row.scopeId();
        if ((r0 == r1 || r0 < 0 || r1 < 0) && s0 >= 0 && s1 >= 0 && s1 < s0) return true;
        if (r0 >= 0 && r0 == r1 && !previous.sameContent(row, true)) return true;
        if (s0 >= 0 && s0 == s1 && !previous.sameContent(row, false)) return true;
        // ids are dense within a batch: adjacent rows with ids that do not follow each other are two batches
        return previous.id() >= 0 && row.id() >= 0 && row.id() != previous.id() + 1;
    }

    @Override
    public void close() {
        stream.close();
        queue.clear();
        queueFiles.clear();
    }
}
