package io.pqflux.tempo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a block's {@code dedicatedColumns}: an attribute a tenant asked Tempo to store in a column of its own
 * instead of the generic attribute list. The entries are per block (tenants change their configuration over time), so
 * the attribute-to-slot mapping must be recomputed from each block's meta; see {@link BlockMeta#dedicatedSlots}.
 *
 * @param scope   where the attribute lives; {@code span} when the JSON leaves it out
 * @param type    the value type the column holds; {@code string} when the JSON leaves it out
 * @param name    the attribute key
 * @param options storage options (vParquet5 only); empty for every vParquet3/vParquet4 block Tempo writes
 */
public record DedicatedColumn(Scope scope, Type type, String name, Set<Option> options) {

    /** The owner of the attribute. {@code EVENT} exists in vParquet5 only. */
    public enum Scope {
        RESOURCE, SPAN, EVENT
    }

    /** The attribute value type. {@code INT} exists in vParquet5 only. */
    public enum Type {
        STRING, INT
    }

    /** vParquet5 options: {@code ARRAY} stores repeated values, {@code BLOB} tunes the column for large values. */
    public enum Option {
        ARRAY, BLOB
    }

    public DedicatedColumn {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        // EnumSet keeps iteration order stable; unmodifiable because a record is a value
        options = options.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(options));
    }
}
