package io.pqflux.cli;

import io.pqflux.reader.RowCursor;
import io.pqflux.nested.NestedField;
import java.io.PrintWriter;
import java.util.List;

/**
 * JSON Lines: one object per row, fields in schema order, keyed by field name, values rendered by
 * {@link FieldWriter}. Other readers' output is compared against this, so the format is a contract (docs/cli.md).
 */
final class JsonlRowWriter implements RowWriter {

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private final JsonWriter json = new JsonWriter(line);
    private final List<FieldWriter> fields;

    JsonlRowWriter(PrintWriter out, List<NestedField> fields) {
        this.out = out;
        this.fields = fields.stream().map(FieldWriter::of).toList();
    }

    @Override
    public void write(RowCursor rows) {
        line.setLength(0);
        json.beginObject();
        for (int field = 0; field < fields.size(); field++) {
            json.key(fields.get(field).name());
            fields.get(field).write(rows, field, json);
        }
        json.endObject();
        out.append(line).append('\n');
    }
}
