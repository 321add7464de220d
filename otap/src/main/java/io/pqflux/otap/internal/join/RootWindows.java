package io.pqflux.otap.internal.join;

import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.internal.rows.RowDecoders;
import io.pqflux.otap.internal.rows.Rows;
import io.pqflux.otap.internal.rows.TableChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition's root table cut into exporter batches. Batch boundaries are not recorded; what is known: a file holds
 * whole batches, and within a batch both producers order roots by resource and scope with {@code resource.id} and
 * {@code scope.id} numbered from 0 per batch (and not offset by the exporter). So a batch ends at the end of a file and
 * wherever ({@code resource.id}, {@code scope.id}) goes down.
 *
 * <p>Batches of one resource and one scope each, and exporters that do offset those ids, show no such restart: their
 * batches run together. So that memory stays bounded by a batch and not by a file, a run is cut every {@code maxRows}
 * rows ({@link io.pqflux.otap.ReplayOptions#maxWindowRows()}); such a cut is marked a continuation, and the join keeps the batch's id offset and resolved attributes across it.
 */
final class RootWindows implements AutoCloseable {

    /**
     * A batch of roots (or, when {@code continuation}, the next part of the previous one): its rows in file order, and
     * where it ends.
     */
    record Window(PartFile file, List<Rows.Root> rows, long endRow, boolean continuation) {
    }

    private final OtapTable table;
    private final TableStream stream;
    private final int maxRows;
    private final List<Rows.Root> queue = new ArrayList<>();
    private final List<PartFile> queueFiles = new ArrayList<>();
    /** Queued rows already checked for a boundary (a boundary before row i means row i starts a batch). */
    private int scanned = 1;
    private boolean exhausted;
    private boolean cutByLimit;

    RootWindows(OtapTable table, TableStream stream, int maxRows) {
        this.table = table;
        this.stream = stream;
        this.maxRows = maxRows;
    }

    /** The next batch (or part of one), or null after the last. */
    Window next() {
        while (true) {
            int end = boundary();
            boolean limited = end == 0 && queue.size() >= maxRows;
            if (limited) end = maxRows;
            if (end == 0 && exhausted) end = queue.size();
            if (end > 0) {
                boolean continuation = cutByLimit;
                cutByLimit = limited;
                List<Rows.Root> rows = new ArrayList<>(queue.subList(0, end));
                PartFile file = queueFiles.getFirst();
                queue.subList(0, end).clear();
                queueFiles.subList(0, end).clear();
                scanned = 1;
                return new Window(file, rows, rows.getLast().fileRow() + 1, continuation);
            }
            if (exhausted) return null;
            exhausted = !stream.readNext(slice -> {
                TableChunk chunk = slice.chunk();
                for (int row = 0; row < chunk.rowCount(); row++) {
                    queue.add(RowDecoders.root(table, chunk, row));
                    queueFiles.add(slice.file());
                }
            });
        }
    }

    /** The number of queued rows before the first batch boundary within the limit, or 0 when none is queued yet. */
    private int boundary() {
        int limit = Math.min(queue.size(), maxRows);
        for (; scanned < limit; scanned++) {
            if (startsBatch(scanned)) return scanned;
        }
        return 0;
    }

    private boolean startsBatch(int i) {
        if (queueFiles.get(i - 1) != queueFiles.get(i)) return true;
        Rows.Root previous = queue.get(i - 1);
        Rows.Root row = queue.get(i);
        long r0 = previous.resourceId(), r1 = row.resourceId();
        if (r0 >= 0 && r1 >= 0 && r1 < r0) return true;
        long s0 = previous.scopeId(), s1 = row.scopeId();
        return (r0 == r1 || r0 < 0 || r1 < 0) && s0 >= 0 && s1 >= 0 && s1 < s0;
    }

    @Override
    public void close() {
        stream.close();
        queue.clear();
        queueFiles.clear();
    }
}
