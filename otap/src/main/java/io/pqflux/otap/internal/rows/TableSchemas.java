package io.pqflux.otap.internal.rows;

import io.pqflux.otap.OtapException;
import io.pqflux.otap.OtapTable;
import io.pqflux.schema.MessageSchema;
import java.util.List;

/**
 * The columns without which a file is not a table of the exporter. Its templates write every template column into
 * every file (filled with nulls or defaults when a batch lacks it), so these are always there; a Parquet file that
 * merely sits in a table's directory (another tool's output, a misplaced file) is refused instead of being replayed
 * as records. Only the keys and a characteristic column or two are required, so that files re-encoded by other writers
 * that drop empty columns still read.
 */
public final class TableSchemas {

    private TableSchemas() {
    }

    /** The columns {@code table}'s files must have. */
    static List<String> required(OtapTable table) {
        if (table.isAttributes()) return List.of(Columns.PARENT_ID, "key", "type");
        return switch (table) {
            case LOGS -> List.of(Columns.ID, "time_unix_nano");
            case SPANS -> List.of(Columns.ID, "start_time_unix_nano", "span_id");
            case UNIVARIATE_METRICS, MULTIVARIATE_METRICS -> List.of(Columns.ID, "metric_type");
            case SPAN_EVENTS -> List.of(Columns.PARENT_ID, "name");
            case SPAN_LINKS -> List.of(Columns.PARENT_ID, "span_id");
            case NUMBER_DATA_POINTS -> List.of(Columns.ID, Columns.PARENT_ID, "time_unix_nano");
            case SUMMARY_DATA_POINTS, HISTOGRAM_DATA_POINTS, EXP_HISTOGRAM_DATA_POINTS -> List.of(Columns.ID, Columns.PARENT_ID, "count");
            case NUMBER_DP_EXEMPLARS, HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS -> List.of(Columns.PARENT_ID, "time_unix_nano");
            default -> throw new IllegalArgumentException(table + " is an attribute table");
        };
    }

    /** Refuses a file of {@code table} whose schema lacks one of its required columns. */
    public static void check(OtapTable table, MessageSchema schema, String file) {
        List<String> required = required(table);
        for (String column : required) {
            if (schema.column(column).isEmpty()) {
                throw new OtapException(OtapException.Reason.BAD_SCHEMA, file, "not a " + table.directory()
                        + " table of the OTAP exporter: it lacks column " + column + " (its files always have "
                        + String.join(", ", required) + ")");
            }
        }
    }
}
