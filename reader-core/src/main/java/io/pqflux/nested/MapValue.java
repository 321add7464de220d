package io.pqflux.nested;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A non-null map: entries in file order, keys and values as parallel {@link ListValue}s. Parquet does not
 * forbid duplicate keys, so the entries are not a {@link Map}; {@link #asMap()} keeps the last of duplicates.
 */
public final class MapValue {

    private final ListValue keys;
    private final ListValue values;

    MapValue(NestedBatch batch, NestedField.MapOf map, int start, int size) {
        this.keys = new ListValue(batch, map.key(), start, size);
        this.values = new ListValue(batch, map.value(), start, size);
    }

    public int size() {
        return keys.size();
    }

    public ListValue keys() {
        return keys;
    }

    public ListValue values() {
        return values;
    }

    public Map<Object, Object> asMap() {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) map.put(keys.getObject(i), values.getObject(i));
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
