package io.pqflux.reactive.internal.pipeline;

import io.pqflux.filter.RowRanges;
import io.pqflux.reader.RowGroupPlan;
import io.pqflux.reader.RowGroupRead;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One row group of a scan, shared by its slices: its first slice plans and fetches it once ({@link RowGroupPlan}),
 * every slice then reads its rows from those bytes, so a row group cut into batches is requested as if read whole.
 * The plan holds a hold on the reader until its bytes are freed: after its last slice is made (or the scan ends) and
 * every slice's read is closed.
 */
public final class RowGroupShare {

    private final int rowGroup;
    private final int sliceCount;
    private final Sinks.One<Boolean> fetched = Sinks.one();
    private RowGroupPlan plan;
    private volatile MemoryBudget.Reservation fetchedReservation;
    /** Slices made (or failed to be made) from the plan. */
    private int made;
    private boolean closed;

    private RowGroupShare(int rowGroup, int sliceCount) {
        this.rowGroup = rowGroup;
        this.sliceCount = sliceCount;
    }

    /** A share per row group of {@code slices}, by row group. */
    public static Map<Integer, RowGroupShare> of(List<Slice> slices) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (Slice slice : slices) counts.merge(slice.rowGroup(), 1, Integer::sum);
        Map<Integer, RowGroupShare> shares = new LinkedHashMap<>();
        counts.forEach((group, count) -> shares.put(group, new RowGroupShare(group, count)));
        return shares;
    }

    /**
     * Adopts the plan the first slice made, the plan taking a hold on {@code reader} until its bytes are freed; false
     * (and the plan is closed) when the scan has ended.
     */
    public boolean adopt(RowGroupPlan planned, SharedReader reader) {
        synchronized (this) {
            if (!closed && reader.hold()) {
                plan = planned;
                planned.whenReleased(reader::release);
                return true;
            }
        }
        planned.close();
        return false;
    }

    /** The reservation of the plan's fetched bytes, given back when the plan frees them. */
    public void holdsFetched(MemoryBudget.Reservation reservation) {
        RowGroupPlan current;
        synchronized (this) {
            current = plan;
        }
        fetchedReservation = reservation;
        current.whenReleased(reservation::release);
    }

    /** The reservation of the plan's fetched bytes; null before the plan is fetched (or when nothing is copied). */
    public MemoryBudget.Reservation fetchedReservation() {
        return fetchedReservation;
    }

    /** The plan's bytes are in (or are views taken as slices decode): slices may read. */
    public void fetched() {
        fetched.tryEmitValue(Boolean.TRUE);
    }

    /** Planning or fetching failed, or the first slice ended without either: the other slices fail with it. */
    public void failed(Throwable error) {
        fetched.tryEmitError(error);
    }

    /** The first slice ended without a plan fetched: the scan ended (slices waiting are cancelled with it). */
    public void abandoned() {
        failed(new CancellationException("row group " + rowGroup + " was not planned: the scan ended"));
    }

    /** Completes once the plan's bytes are in. */
    public Mono<Boolean> whenFetched() {
        return fetched.asMono();
    }

    /**
     * The read of {@code rows} from the plan; null when the scan has ended. The plan is closed once its last slice is
     * made, so each of its byte ranges is freed as soon as the slices using it are decoded; slices are made
     * concurrently, so that is when every slice has been made, not when the last one in file order is. May read page
     * indexes.
     */
    public RowGroupRead slice(RowRanges rows) {
        RowGroupPlan current;
        synchronized (this) {
            if (closed || plan == null) return null;
            current = plan;
        }
        try {
            return current.slice(rows);
        } finally {
            boolean lastMade;
            synchronized (this) {
                lastMade = ++made == sliceCount;
            }
            if (lastMade) current.close();
        }
    }

    /** The scan ended: no more slices; the plan's bytes are freed once the reads in flight are closed. Idempotent. */
    public void close() {
        RowGroupPlan current;
        synchronized (this) {
            closed = true;
            current = plan;
        }
        if (current != null) current.close();
    }
}
