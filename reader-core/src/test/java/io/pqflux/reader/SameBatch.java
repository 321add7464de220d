package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Two batches of the same rows, selection, nulls and values (flat columns); neither is closed. */
final class SameBatch {

    private SameBatch() {
    }

    static void assertSameBatch(RowGroupBatch actual, RowGroupBatch expected) {
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.selectedRowCount()).isEqualTo(expected.selectedRowCount());
        for (int i = 0; i < actual.selectedRowCount(); i++) assertThat(actual.selectedRow(i)).isEqualTo(expected.selectedRow(i));
        assertThat(actual.columns()).hasSameSizeAs(expected.columns());
        for (int c = 0; c < actual.columns().size(); c++) {
            ColumnVector ours = actual.columns().get(c);
            ColumnVector theirs = expected.columns().get(c);
            assertThat(ours.size()).isEqualTo(theirs.size());
            for (int e = 0; e < ours.size(); e++) assertThat(ours.isNull(e)).isEqualTo(theirs.isNull(e));
            List<Object> ourValues = new ArrayList<>();
            List<Object> theirValues = new ArrayList<>();
            for (int v = 0; v < ours.valueCount(); v++) {
                ourValues.add(value(ours, v));
                theirValues.add(value(theirs, v));
            }
            assertThat(ourValues).as("column %s", ours.column().dottedPath()).isEqualTo(theirValues);
        }
    }

    /** The value, bytes exactly (as hex); a type the tests' files do not hold fails loudly. */
    private static Object value(ColumnVector vector, int v) {
        return switch (vector.column().physicalType()) {
            case BYTE_ARRAY -> HexFormat.of().formatHex(vector.getByteArray(v));
            case INT32 -> vector.getInt(v);
            case INT64 -> vector.getLong(v);
            default -> throw new IllegalArgumentException("values of " + vector.column() + " are not compared here");
        };
    }
}
