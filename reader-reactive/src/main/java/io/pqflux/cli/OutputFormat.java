package io.pqflux.cli;

import io.pqflux.schema.ColumnDescriptor;
import java.io.PrintWriter;
import java.util.List;

/** The row formats of {@code pqflux cat}. */
enum OutputFormat {
    JSONL {
        @Override
        RowWriter writer(PrintWriter out, List<ColumnDescriptor> columns) {
            return new JsonlRowWriter(out, columns);
        }
    },
    CSV {
        @Override
        RowWriter writer(PrintWriter out, List<ColumnDescriptor> columns) {
            return new CsvRowWriter(out, columns);
        }
    };

    /** A writer for rows of {@code columns}; formats with a header print it now. */
    abstract RowWriter writer(PrintWriter out, List<ColumnDescriptor> columns);
}
