package io.pqflux.otap.internal.join;

import io.pqflux.otap.OtapTable;
import io.pqflux.otap.internal.rows.MessageShape;
import io.pqflux.otap.internal.rows.PartialMessage;

/** How a child table's rows attach to their parent's message (docs/otap-format.md §8.9 and §13). */
final class Attachments {

    /** {@link MessageShape#SPAN}'s slots of events and links. */
    private static final int EVENTS = 1, LINKS = 2;

    private Attachments() {
    }

    /** Adds an attribute row ({@code KeyValue}) to its parent record. */
    static void attribute(OtapTable table, PartialMessage parent, PartialMessage attribute) {
        if (!table.isAttributes() || table == OtapTable.RESOURCE_ATTRS || table == OtapTable.SCOPE_ATTRS) {
            throw new IllegalArgumentException(table + " is not a record's attribute table");
        }
        parent.add(parent.shape().attributeSlot(), attribute);
    }

    /**
     * Adds a complete child record (event, link, data point, exemplar) to its parent; returns why it cannot be added
     * (a data point under a metric of another type), or null.
     */
    static String record(OtapTable table, PartialMessage parent, PartialMessage child) {
        switch (table) {
            case SPAN_EVENTS -> parent.add(EVENTS, child);
            case SPAN_LINKS -> parent.add(LINKS, child);
            case NUMBER_DATA_POINTS -> {
                return dataPoint(parent, child, "a gauge or sum", MessageShape.METRIC_GAUGE, MessageShape.METRIC_SUM);
            }
            case HISTOGRAM_DATA_POINTS -> {
                return dataPoint(parent, child, "a histogram", MessageShape.METRIC_HISTOGRAM, null);
            }
            case EXP_HISTOGRAM_DATA_POINTS -> {
                return dataPoint(parent, child, "an exponential histogram", MessageShape.METRIC_EXPONENTIAL_HISTOGRAM, null);
            }
            case SUMMARY_DATA_POINTS -> {
                return dataPoint(parent, child, "a summary", MessageShape.METRIC_SUMMARY, null);
            }
            case NUMBER_DP_EXEMPLARS, HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS ->
                    parent.add(parent.shape().exemplarSlot(), child);
            default -> throw new IllegalArgumentException(table + " has no records of its own");
        }
        return null;
    }

    /** Adds a data point to its metric's data (slot 0's one message) when the metric is of a type it belongs to. */
    private static String dataPoint(PartialMessage metric, PartialMessage point, String what, MessageShape type,
                                    MessageShape otherType) {
        MessageShape shape = metric.shape();
        if (shape != type && shape != otherType) return "its metric is not " + what + " (" + shape.dataCase() + ")";
        metric.first(0).add(0, point);
        return null;
    }
}
