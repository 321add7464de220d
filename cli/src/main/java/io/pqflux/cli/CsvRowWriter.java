package io.pqflux.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * RFC 4180 CSV: a header row of column names, then one record per row with CRLF line ends. Values render
 * as in JSONL but as plain text (nested values as compact JSON); a field is quoted only when it holds a comma, quote, CR or LF. Null is
 * an empty field and the empty string a quoted empty field, so the two stay distinguishable.
 */
final class CsvRowWriter implements RowWriter {

    private static final String LINE_END = "\r\n";

    private final PrintWriter out;
    private final int columns;
    private final TextValue text = new TextValue();
    private final StringBuilder record = new StringBuilder();

    CsvRowWriter(PrintWriter out, List<String> columns) {
        this.out = out;
        this.columns = columns.size();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) record.append(',');
            appendField(record, columns.get(i));
        }
        out.append(record).append(LINE_END);
    }

    @Override
    public void write(Row row) {
        record.setLength(0);
        for (int column = 0; column < columns; column++) {
            if (column > 0) record.append(',');
            text.reset();
            row.write(column, text);
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
