package io.pqflux.cli;

import java.io.PrintWriter;
import java.util.List;

/** The row formats of {@code pqflux cat} and {@code pqflux scan}. */
enum OutputFormat {
    JSONL {
        @Override
        RowWriter writer(PrintWriter out, List<String> columns) {
            return new JsonlRowWriter(out, columns);
        }
    },
    CSV {
        @Override
        RowWriter writer(PrintWriter out, List<String> columns) {
            return new CsvRowWriter(out, columns);
        }
    };

    /** A writer for rows of these columns (names, in output order); formats with a header print it now. */
    abstract RowWriter writer(PrintWriter out, List<String> columns);
}
