package io.pqflux.flink.internal.table;

import io.pqflux.flink.RecordFunction;
import io.pqflux.tempo.SpanWithContext;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;

/** A span as a row of the columns a query reads. */
record SpanRows(List<SpanColumn> columns) implements RecordFunction<SpanWithContext, RowData> {

    SpanRows {
        columns = List.copyOf(columns);
    }

    @Override
    public RowData apply(SpanWithContext span) {
        GenericRowData row = new GenericRowData(columns.size());
        for (int i = 0; i < columns.size(); i++) row.setField(i, columns.get(i).value(span));
        return row;
    }
}
