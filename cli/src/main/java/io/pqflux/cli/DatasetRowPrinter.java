package io.pqflux.cli;

import io.pqflux.nested.NamedFieldValues;
import io.pqflux.nested.NestedBatch;
import io.pqflux.nested.NestedField;
import io.pqflux.reactive.dataset.DatasetBatch;
import io.pqflux.reactive.dataset.DatasetFile;
import io.pqflux.reader.RowGroupBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Prints a dataset scan's batches as rows of fixed output columns: a file's top-level fields rendered as {@code cat}
 * renders them (nested values included), partition columns as their values, and columns the file lacks as null.
 */
final class DatasetRowPrinter {

    /** Where an output column's values come from in the current file. */
    private sealed interface Source {
        record Field(FieldWriter writer, int index) implements Source {
        }

        record Constant(Object value) implements Source {
        }
    }

    private static final Source NULL = new Source.Constant(null);

    private final List<String> columns;
    private final Set<String> partitionKeys;
    private final RowWriter writer;
    /** Partition values are Long or String, which print without a unit. */
    private final ValueWriter constants = new ValueWriter(0);
    private DatasetFile file;
    private final List<Source> sources = new ArrayList<>();
    private final boolean binaryAsString;

    /**
     * @param columns       the output columns: top-level field names and partition keys, in output order
     * @param partitionKeys the dataset's partition keys
     * @param binaryAsString un-annotated BYTE_ARRAY values as text, as {@code cat --binary-as-string}
     */
    DatasetRowPrinter(List<String> columns, Set<String> partitionKeys, RowWriter writer, boolean binaryAsString) {
        this.columns = List.copyOf(columns);
        this.partitionKeys = Set.copyOf(partitionKeys);
        this.writer = writer;
        this.binaryAsString = binaryAsString;
    }

    /** Prints the batch's matching rows, at most {@code max}; returns how many it printed. */
    long print(DatasetBatch batch, long max) {
        RowGroupBatch data = batch.data();
        NestedBatch nested = data.nested();
        if (!batch.file().equals(file)) {
            file = batch.file();
            resolve(batch, nested.schema().fields());
        }
        long rows = Math.min(max, data.selectedRowCount());
        for (int i = 0; i < rows; i++) {
            NamedFieldValues values = nested.row(data.selectedRow(i));
            writer.write((column, sink) -> {
                switch (sources.get(column)) {
                    case Source.Field f -> f.writer().write(values, f.index(), sink);
                    case Source.Constant c -> constants.write(c.value(), sink);
                }
            });
        }
        return rows;
    }

    /** The sources of a new file: its fields by name (the same for every batch of the file). */
    private void resolve(DatasetBatch batch, List<NestedField> fields) {
        sources.clear();
        for (String column : columns) {
            Source source = NULL;
            if (partitionKeys.contains(column)) {
                if (batch.column(column) instanceof DatasetBatch.Column.Constant c) source = new Source.Constant(c.value());
            } else {
                for (int f = 0; f < fields.size(); f++) {
                    if (fields.get(f).name().equals(column)) source = new Source.Field(FieldWriter.of(fields.get(f), binaryAsString), f);
                }
            }
            sources.add(source);
        }
    }
}
