package io.pqflux.otap;

/**
 * How root rows find their resource and scope attributes ({@code resource_attrs}, {@code scope_attrs}, shared by all
 * signals of a partition). The exporter offsets the attributes' {@code parent_id} by each batch's id offset; upstream
 * leaves the roots' {@code resource.id} and {@code scope.id} as the producer numbered them (docs/otap-format.md §12.1),
 * an exporter with that fixed offsets them too. docs/otap.md ("Invariants") says what proves a row belongs to a batch.
 */
public enum JoinMode {
    /**
     * The default, right for every export: per batch, the files tell whether its ids are offset (stored ids below the
     * smallest offset the batch can have are not); a shared row is attached only when the batch's key for it is proven
     * and no other batch of the partition, of any signal, may claim it. What cannot be proven is left off and reported
     * ({@link ReplayedBatch#unjoined()}), never attached to another batch.
     */
    AUTO,
    /**
     * As {@link #AUTO}, but every batch taken as upstream writes it: {@code parent_id == resource.id + offset}, the
     * offset being the batch's. For exports known to come from an unfixed exporter.
     */
    BATCH_AWARE,
    /**
     * {@code parent_id == resource.id}, every matching row attached: what a plain SQL join does. Right for exports whose
     * resource and scope ids are offset and never spill into the next batch's ids, and for a partition's first batch.
     */
    LITERAL
}
