package io.pqflux.cli;

import io.pqflux.reader.RowCursor;

/** Prints rows in one output format. */
interface RowWriter {

    /** Prints the cursor's current row. */
    void write(RowCursor rows);
}
