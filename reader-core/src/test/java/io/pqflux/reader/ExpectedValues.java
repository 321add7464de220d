package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.schema.ColumnDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a file read by pqflux against an expectations CSV, for files parquet-java cannot read and for the
 * parquet-testing files that ship their expected contents ({@code *_expect.csv}).
 *
 * <p>The CSV has a header row naming the columns in schema order and one row per Parquet row. Columns are
 * matched by position: the header must name as many columns as the file has, but its names are only
 * informative (parquet-testing's own headers differ from the schemas in spaces and a trailing colon). A field is a null when it is empty and
 * unquoted; {@code ""} is the empty string. Values compare by physical type: integers and floating-point
 * numbers by their parsed value (floats exactly, as {@link Float#compare}), booleans as {@code true} /
 * {@code false}, byte arrays as their UTF-8 text.
 */
final class ExpectedValues {

    private ExpectedValues() {}

    static void assertMatches(Path parquet, Path csv) {
        assertMatches(parquet, csv, ReadOptions.defaults());
    }

    /** As {@link #assertMatches(Path, Path)}, reading with {@code options}. */
    static void assertMatches(Path parquet, Path csv, ReadOptions options) {
        List<List<String>> records = parse(csv);
        List<String> header = records.getFirst();
        long rowCount = 0;
        try (ParquetReader reader = ParquetReader.open(parquet, options); RowCursor rows = reader.rows()) {
            List<ColumnDescriptor> columns = CanonicalRows.flatColumns(rows); // the expectation files are all flat
            assertThat(header).as("columns of " + csv.getFileName()).hasSameSizeAs(columns);
            while (rows.next()) {
                rowCount++;
                assertThat(rowCount).as(parquet.getFileName() + " has more rows than " + csv.getFileName())
                        .isLessThan(records.size());
                List<String> expected = records.get((int) rowCount);
                assertThat(expected).as(csv.getFileName() + " line " + (rowCount + 1)).hasSize(columns.size());
                for (int f = 0; f < columns.size(); f++) {
                    String where = parquet.getFileName() + " row " + (rowCount - 1) + " column " + columns.get(f).name();
                    assertValue(where, columns.get(f), expected.get(f), rows, f);
                }
            }
        }
        assertThat(rowCount).as("rows of " + parquet.getFileName() + " vs " + csv.getFileName()).isEqualTo(records.size() - 1);
    }

    private static void assertValue(String where, ColumnDescriptor column, String expected, RowCursor rows, int f) {
        if (expected == null) {
            assertThat(rows.isNull(f)).as(where + " is null").isTrue();
            return;
        }
        assertThat(rows.isNull(f)).as(where + " is null").isFalse();
        switch (column.physicalType()) {
            case BOOLEAN -> assertThat(rows.getBoolean(f)).as(where).isEqualTo(parseBoolean(where, expected));
            case INT32 -> assertThat(rows.getInt(f)).as(where).isEqualTo(Integer.parseInt(expected));
            case INT64 -> assertThat(rows.getLong(f)).as(where).isEqualTo(Long.parseLong(expected));
            case FLOAT -> assertThat(Float.compare(rows.getFloat(f), Float.parseFloat(expected))).as(where + ": " + rows.getFloat(f)
                    + " vs " + expected).isZero();
            case DOUBLE -> assertThat(Double.compare(rows.getDouble(f), Double.parseDouble(expected))).as(where + ": "
                    + rows.getDouble(f) + " vs " + expected).isZero();
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> assertThat(new String(rows.getBinary(f), StandardCharsets.UTF_8)).as(where)
                    .isEqualTo(expected);
            case INT96 -> throw new AssertionError(where + ": INT96 has no CSV form here");
        }
    }

    private static boolean parseBoolean(String where, String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new AssertionError(where + ": not a boolean: " + text);
        };
    }

    /** RFC 4180 records; an unquoted empty field becomes null. */
    static List<List<String>> parse(Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == '"') {
                inQuotes = true;
                quoted = true;
            } else if (c == ',' || c == '\n') {
                record.add(!quoted && field.isEmpty() ? null : field.toString());
                field.setLength(0);
                quoted = false;
                if (c == '\n') {
                    records.add(record);
                    record = new ArrayList<>();
                }
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (!record.isEmpty() || !field.isEmpty() || quoted) {
            record.add(!quoted && field.isEmpty() ? null : field.toString());
            records.add(record);
        }
        if (inQuotes) throw new IllegalArgumentException(csv + ": unterminated quoted field");
        return records;
    }
}
