package io.pqflux.cli;

import io.pqflux.nested.NestedField;
import java.io.PrintWriter;
import java.util.List;

/** The row formats of {@code pqflux cat}. */
enum OutputFormat {
    JSONL {
        @Override
        RowWriter writer(PrintWriter out, List<NestedField> fields) {
            return new JsonlRowWriter(out, fields);
        }
    },
    CSV {
        @Override
        RowWriter writer(PrintWriter out, List<NestedField> fields) {
            return new CsvRowWriter(out, fields);
        }
    };

    /** A writer for rows of {@code fields}; formats with a header print it now. */
    abstract RowWriter writer(PrintWriter out, List<NestedField> fields);
}
