package io.pqflux.reactive.dataset;

import io.pqflux.schema.ColumnDescriptor;

/**
 * A column of a {@link Dataset}: a leaf column of its files, matched across files by dotted path, or a partition
 * column.
 *
 * @param path      the dotted path (for a partition column, its key)
 * @param type      the column's type, as the first file (by path) that has it declares it; for a partition column an
 *                  optional INT64 (integer-valued keys) or UTF-8 BYTE_ARRAY
 * @param partition whether the values come from the files' partition folders
 */
public record DatasetColumn(String path, ColumnDescriptor type, boolean partition) {
}
