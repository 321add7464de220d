package io.pqflux.flink.internal.table;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.table.PqfluxTableOptions;
import java.util.Map;
import java.util.TreeMap;

/** A table's {@code path} and its {@code storage.*} options as the location its sources read. */
public final class TableLocations {

    private TableLocations() {
    }

    public static StoreLocation of(String path, Map<String, String> tableOptions) {
        Map<String, String> settings = new TreeMap<>();
        tableOptions.forEach((key, value) -> {
            if (key.startsWith(PqfluxTableOptions.STORAGE_PREFIX)) settings.put(key.substring(PqfluxTableOptions.STORAGE_PREFIX.length()), value);
        });
        return new StoreLocation(path, settings);
    }
}
