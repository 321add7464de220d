package io.pqflux.reactive.dataset;

import io.pqflux.io.FileIdentity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data file of a {@link Dataset}.
 *
 * @param path            below the dataset root, '/'-separated (e.g. {@code year=2024/month=01/part-0.parquet})
 * @param identity        the file's name (path or URI), length and version (modification time or ETag) when listed
 * @param partitionValues the value of every partition column of the dataset, in the dataset's order: {@code Long} for
 *                        integer-valued keys, {@code String} otherwise, null where the file's folders lack the key or
 *                        hold Hive's null marker
 */
public record DatasetFile(String path, FileIdentity identity, Map<String, Object> partitionValues) {

    public DatasetFile {
        // values may be null, which Map.copyOf refuses
        partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
    }
}
