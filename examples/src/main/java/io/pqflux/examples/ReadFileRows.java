package io.pqflux.examples;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowCursor;
import java.nio.file.Path;
import java.util.HexFormat;

/** Prints the rows of a local Parquet file, one line per row: {@code ReadFileRows <file.parquet> [<max rows>]}. */
public final class ReadFileRows {

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long maxRows = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        // The reader maps the file and owns it; the cursor holds one decoded row group at a time. Close both.
        try (ParquetReader reader = ParquetReader.open(file);
             RowCursor rows = reader.rows()) {
            long printed = 0;
            while (printed < maxRows && rows.next()) {
                StringBuilder line = new StringBuilder();
                for (int field = 0; field < rows.size(); field++) {
                    if (field > 0) line.append(", ");
                    // getObject gives the logical value: String, Instant, BigDecimal, a list/map/struct view...
                    Object value = rows.getObject(field);
                    // ...and byte[] for binary without a STRING annotation, whose toString would show no content
                    if (value instanceof byte[] bytes) value = "0x" + HexFormat.of().formatHex(bytes);
                    line.append(rows.field(field).name()).append('=').append(value);
                }
                System.out.println(line);
                printed++;
            }
            System.out.println(printed + " rows");
        }
    }
}
