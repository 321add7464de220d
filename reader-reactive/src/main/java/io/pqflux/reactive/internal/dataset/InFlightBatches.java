package io.pqflux.reactive.internal.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Batches between the file scan that made them and the subscriber: {@code flatMapSequential} holds the batches of
 * later files while an earlier one is read, and when the scan fails or is cancelled it drops them without telling
 * anyone. Every batch is registered when made and unregistered when it leaves the scan; whatever is still registered
 * when the scan ends is closed here.
 */
public final class InFlightBatches<T extends AutoCloseable> {

    private final Set<T> batches = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean ended;

    /** Registers a batch about to be emitted; false (and the caller closes it) once the scan has ended. */
    public synchronized boolean add(T batch) {
        if (ended) return false;
        batches.add(batch);
        return true;
    }

    /** The batch reached the subscriber, which owns it now. */
    public synchronized void delivered(T batch) {
        batches.remove(batch);
    }

    /** The scan ended: closes every batch not delivered; idempotent. */
    public void end() {
        List<T> unwanted;
        synchronized (this) {
            ended = true;
            unwanted = new ArrayList<>(batches);
            batches.clear();
        }
        for (T batch : unwanted) {
            try {
                batch.close();
            } catch (Exception e) {
                // releasing memory: nobody to report a failure to but the pool's safety net
            }
        }
    }
}
