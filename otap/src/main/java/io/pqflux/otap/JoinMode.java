package io.pqflux.otap;

/**
 * How root rows find their resource and scope attributes. The exporter offsets {@code resource_attrs.parent_id} and
 * {@code scope_attrs.parent_id} by each batch's id offset but leaves the roots' {@code resource.id} and {@code scope.id}
 * as the producer numbered them, so only the first batch of a partition joins by plain equality.
 */
public enum JoinMode {
    /** {@code resource_attrs.parent_id == resource.id}: what a plain SQL join does; right for a partition's first batch only. */
    LITERAL,
    /**
     * {@code resource_attrs.parent_id == resource.id + offset} with the offset of the batch the root row belongs to,
     * inferred from the root ids; rows whose batch or offset cannot be told unambiguously get no resource or scope
     * attributes and are reported, never another batch's.
     */
    BATCH_AWARE
}
