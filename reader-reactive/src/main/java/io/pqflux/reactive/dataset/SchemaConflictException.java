package io.pqflux.reactive.dataset;

import io.pqflux.reactive.internal.dataset.ColumnTypes;
import io.pqflux.schema.ColumnDescriptor;

/**
 * Two files of a dataset hold a column of the same path with different types, or a file holds a column named like a
 * partition key. The message names both files and both types.
 */
public final class SchemaConflictException extends RuntimeException {

    private final String column;
    private final String firstFile;
    private final String secondFile;

    SchemaConflictException(String column, String firstFile, ColumnDescriptor firstType, String secondFile,
                            ColumnDescriptor secondType) {
        super("column '" + column + "' is " + ColumnTypes.describe(firstType) + " in " + firstFile + " but "
                + ColumnTypes.describe(secondType) + " in " + secondFile);
        this.column = column;
        this.firstFile = firstFile;
        this.secondFile = secondFile;
    }

    SchemaConflictException(String column, String file) {
        super("column '" + column + "' of " + file + " has the name of a partition key of the dataset");
        this.column = column;
        this.firstFile = file;
        this.secondFile = null;
    }

    public String column() {
        return column;
    }

    /** The file (its name, path or URI) whose type came first in path order, or the file clashing with a partition key. */
    public String firstFile() {
        return firstFile;
    }

    /** The file with the other type; null for a clash with a partition key. */
    public String secondFile() {
        return secondFile;
    }
}
