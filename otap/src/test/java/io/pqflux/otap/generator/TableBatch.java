package io.pqflux.otap.generator;

import io.pqflux.otap.OtapTable;
import java.util.ArrayList;
import java.util.List;

/** One OTAP payload type's record batch of one exporter batch: columns in batch order, all of {@code rows} rows. */
record TableBatch(OtapTable table, List<Column> columns, int rows) {

    TableBatch {
        columns = List.copyOf(columns);
        for (Column column : columns) {
            if (column.length() != rows) {
                throw new IllegalArgumentException(table.directory() + "." + column.name() + " has " + column.length()
                        + " rows, the batch " + rows);
            }
        }
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    List<ArrowField> fields() {
        return columns.stream().map(Column::field).toList();
    }

    /** This batch with the column named like {@code column} replaced (or appended when absent). */
    TableBatch with(Column column) {
        List<Column> out = new ArrayList<>(columns);
        int at = -1;
        for (int i = 0; i < out.size(); i++) if (out.get(i).name().equals(column.name())) at = i;
        if (at < 0) out.add(column);
        else out.set(at, column);
        return new TableBatch(table, out, rows);
    }

    /** The rows {@code order} names, in that order (a permutation, or a selection). */
    TableBatch permute(int[] order) {
        return new TableBatch(table, columns.stream().map(c -> c.permute(order)).toList(), order.length);
    }
}
