package io.pqflux.tempo.internal.assembly;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The attributes a read assembles, by owner and name. A TraceQL query names every attribute it reads, so a search
 * projects and assembles those and skips the others (no dedicated column of another name read, no array or map
 * parsed, no {@code AnyValue} built for an attribute the query cannot see); a plain read keeps every one ({@link #ALL}).
 * A resource's {@code service.name} comes back whatever the keys: it is the resource's own column, which every read of
 * spans holds.
 *
 * @param owners the owners some of whose attributes are kept
 * @param names  the names kept per owner; null when every name of {@code owners} is
 */
public record AttributeKeys(Set<AttributeOwner> owners, Map<AttributeOwner, Set<String>> names) {

    public static final AttributeKeys ALL = new AttributeKeys(AttributeOwner.all(), null);

    public AttributeKeys {
        owners = owners.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(owners));
        if (names != null) {
            Map<AttributeOwner, Set<String>> copy = new EnumMap<>(AttributeOwner.class);
            names.forEach((owner, kept) -> copy.put(owner, Set.copyOf(kept)));
            names = copy;
        }
    }

    /** Every attribute of {@code owners}, none of the others. */
    public static AttributeKeys wholeOwners(Set<AttributeOwner> owners) {
        return new AttributeKeys(owners, null);
    }

    /** The attributes {@code names} gives per owner, none of the owners it lacks. */
    public static AttributeKeys named(Map<AttributeOwner, Set<String>> names) {
        return new AttributeKeys(names.keySet(), names);
    }

    /** The names kept of {@code owner}'s attributes: null when every one is, empty when none is. */
    public Set<String> of(AttributeOwner owner) {
        if (!owners.contains(owner)) return Set.of();
        return names == null ? null : names.get(owner);
    }
}
