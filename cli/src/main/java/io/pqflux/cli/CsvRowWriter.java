package io.pqflux.cli;

import io.pqflux.reader.RowCursor;
import io.pqflux.nested.NestedField;
import java.io.PrintWriter;
import java.util.List;

/**
 * RFC 4180 CSV: a header row of field names, then one record per row with CRLF line ends. Values render
 * as in JSONL but as plain text (nested values as compact JSON); a field is quoted only when it holds a comma, quote, CR or LF. Null is
 * an empty field and the empty string a quoted empty field, so the two stay distinguishable.
 */
final class CsvRowWriter implements RowWriter {

    private static final String LINE_END = "\r\n";

    private final PrintWriter out;
    private final List<FieldWriter> fields;
    private final TextValue text = new TextValue();
    private final StringBuilder record = new StringBuilder();

    CsvRowWriter(PrintWriter out, List<NestedField> fields) {
        this.out = out;
        this.fields = fields.stream().map(FieldWriter::of).toList();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) record.append(',');
            appendField(record, fields.get(i).name());
        }
        out.append(record).append(LINE_END);
    }

    @Override
    public void write(RowCursor rows) {
        record.setLength(0);
        for (int field = 0; field < fields.size(); field++) {
            if (field > 0) record.append(',');
            text.reset();
            fields.get(field).write(rows, field, text);
            if (!text.isNull()) appendField(record, text.text());
        }
        out.append(record).append(LINE_END);
    }

    static void appendField(StringBuilder out, String value) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') out.append('"');
            out.append(c);
        }
        out.append('"');
    }
}
