package io.pqflux.reactive.dataset;

import java.util.List;
import java.util.Optional;

/**
 * The merged schema of a {@link Dataset}: every leaf column of every file (matched by path, in order of first
 * appearance when files are taken in path order), then the partition columns in folder order.
 */
public record DatasetSchema(List<DatasetColumn> columns) {

    public DatasetSchema {
        columns = List.copyOf(columns);
    }

    public Optional<DatasetColumn> column(String path) {
        return columns.stream().filter(c -> c.path().equals(path)).findFirst();
    }

    public List<DatasetColumn> partitionColumns() {
        return columns.stream().filter(DatasetColumn::partition).toList();
    }
}
