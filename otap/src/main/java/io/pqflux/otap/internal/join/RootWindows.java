package io.pqflux.otap.internal.join;

import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.internal.rows.RowDecoders;
import io.pqflux.otap.internal.rows.Rows;
import io.pqflux.otap.internal.rows.TableChunk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition's root table cut into exporter batches. Batch boundaries are not recorded; what is known: a file holds
 * whole batches, and within a batch both producers order roots by resource and scope with {@code resource.id} and
 * {@code scope.id} numbered from 0 per batch (and not offset by the exporter). So a batch ends at the end of a file and
 * wherever ({@code resource.id}, {@code scope.id}) goes down. Two batches with one resource and one scope each are not
 * told apart by this; the batch-aware join detects that from the resource and scope attributes and reports it.
 */
final class RootWindows implements AutoCloseable {

    /** One batch of roots: its rows, in file order, and where it ends. */
    record Window(PartFile file, int fileIndex, List<Rows.Root> rows, long endRow) {
    }

    private record Decoded(PartFile file, int fileIndex, Rows.Root row) {
    }

    private final OtapTable table;
    private final TableStream stream;
    private final List<PartFile> files;
    private final ArrayDeque<Decoded> queue = new ArrayDeque<>();
    private boolean exhausted;

    RootWindows(OtapTable table, TableStream stream, List<PartFile> files) {
        this.table = table;
        this.stream = stream;
        this.files = files;
    }

    /** The next batch, or null after the last. */
    Window next() {
        while (true) {
            int end = boundary();
            if (end > 0 || (exhausted && !queue.isEmpty())) {
                int size = end > 0 ? end : queue.size();
                List<Rows.Root> rows = new ArrayList<>(size);
                Decoded first = queue.peekFirst();
                for (int i = 0; i < size; i++) rows.add(queue.pollFirst().row());
                return new Window(first.file(), first.fileIndex(), rows, rows.getLast().fileRow() + 1);
            }
            if (exhausted) return null;
            exhausted = !stream.readNext(slice -> {
                TableChunk chunk = slice.chunk();
                int fileIndex = files.indexOf(slice.file());
                for (int row = 0; row < chunk.rowCount(); row++) {
                    queue.addLast(new Decoded(slice.file(), fileIndex, RowDecoders.root(table, chunk, row)));
                }
            });
        }
    }

    /** The number of queued rows before the first batch boundary, or 0 when none is queued yet. */
    private int boundary() {
        Decoded previous = null;
        int index = 0;
        for (Decoded d : queue) {
            if (previous != null && startsBatch(previous, d)) return index;
            previous = d;
            index++;
        }
        return 0;
    }

    private static boolean startsBatch(Decoded previous, Decoded row) {
        if (previous.fileIndex() != row.fileIndex()) return true;
        long r0 = previous.row().resourceId(), r1 = row.row().resourceId();
        if (r0 >= 0 && r1 >= 0 && r1 < r0) return true;
        long s0 = previous.row().scopeId(), s1 = row.row().scopeId();
        return (r0 == r1 || r0 < 0 || r1 < 0) && s0 >= 0 && s1 >= 0 && s1 < s0;
    }

    @Override
    public void close() {
        stream.close();
        queue.clear();
    }
}
