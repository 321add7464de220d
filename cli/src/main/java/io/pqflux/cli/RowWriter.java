package io.pqflux.cli;

/** Prints rows in one output format. */
interface RowWriter {

    /** The values of one row, column by column in the writer's column order. */
    @FunctionalInterface
    interface Row {
        /** Renders the value of column {@code column} into {@code sink}. */
        void write(int column, ValueSink sink);
    }

    /** Prints one row. */
    void write(Row row);
}
