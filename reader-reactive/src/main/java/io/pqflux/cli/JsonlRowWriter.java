package io.pqflux.cli;

import io.pqflux.reader.RowCursor;
import io.pqflux.schema.ColumnDescriptor;
import java.io.PrintWriter;
import java.util.List;

/**
 * JSON Lines: one object per row, fields in schema order, keyed by field name, values rendered by
 * {@link ValueWriter}. Other readers' output is compared against this, so the format is a contract (docs/cli.md).
 */
final class JsonlRowWriter implements RowWriter {

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private final JsonWriter json = new JsonWriter(line);
    private final List<String> names;
    private final List<ValueWriter> values;

    JsonlRowWriter(PrintWriter out, List<ColumnDescriptor> columns) {
        this.out = out;
        this.names = columns.stream().map(ColumnDescriptor::name).toList();
        this.values = columns.stream().map(ValueWriter::forColumn).toList();
    }

    @Override
    public void write(RowCursor rows) {
        line.setLength(0);
        json.beginObject();
        for (int field = 0; field < names.size(); field++) {
            json.key(names.get(field));
            values.get(field).write(rows.getObject(field), json);
        }
        json.endObject();
        out.append(line).append('\n');
    }
}
