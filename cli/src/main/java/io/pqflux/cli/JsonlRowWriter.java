package io.pqflux.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * JSON Lines: one object per row, fields in column order, keyed by column name, values rendered by
 * {@link FieldWriter}. Other readers' output is compared against this, so the format is a contract (docs/cli.md).
 */
final class JsonlRowWriter implements RowWriter {

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private final JsonWriter json = new JsonWriter(line);
    private final List<String> columns;

    JsonlRowWriter(PrintWriter out, List<String> columns) {
        this.out = out;
        this.columns = List.copyOf(columns);
    }

    @Override
    public void write(Row row) {
        line.setLength(0);
        json.beginObject();
        for (int column = 0; column < columns.size(); column++) {
            json.key(columns.get(column));
            row.write(column, json);
        }
        json.endObject();
        out.append(line).append('\n');
    }
}
