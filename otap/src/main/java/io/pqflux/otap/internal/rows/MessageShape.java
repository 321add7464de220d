package io.pqflux.otap.internal.rows;

/**
 * The OTLP messages a join builds, by the repeated message fields it fills in ({@link PartialMessage}'s slots), in
 * field-number order. A metric's data (gauge, sum, …) is a slot holding one message, the one its data points go into.
 */
public enum MessageShape {
    /** {@code attributes} (6). */
    LOG_RECORD("", 6),
    /** {@code attributes} (9), {@code events} (11), {@code links} (13). */
    SPAN("", 9, 11, 13),
    /** {@code attributes} (3). */
    SPAN_EVENT("", 3),
    /** {@code attributes} (4). */
    SPAN_LINK("", 4),
    /** A metric without data: {@code metadata} (12). */
    METRIC_WITHOUT_DATA("DATA_NOT_SET", 12),
    /** {@code gauge} (5), {@code metadata} (12); the others alike with their data's field. */
    METRIC_GAUGE("GAUGE", 5, 12),
    METRIC_SUM("SUM", 7, 12),
    METRIC_HISTOGRAM("HISTOGRAM", 9, 12),
    METRIC_EXPONENTIAL_HISTOGRAM("EXPONENTIAL_HISTOGRAM", 10, 12),
    METRIC_SUMMARY("SUMMARY", 11, 12),
    /** A metric's data ({@code Gauge}, {@code Sum}, …): {@code data_points} (1). */
    METRIC_DATA("", 1),
    /** {@code exemplars} (5), {@code attributes} (7). */
    NUMBER_DATA_POINT("", 5, 7),
    /** {@code exemplars} (8), {@code attributes} (9). */
    HISTOGRAM_DATA_POINT("", 8, 9),
    /** {@code attributes} (1), {@code exemplars} (11). */
    EXPONENTIAL_HISTOGRAM_DATA_POINT("", 1, 11),
    /** {@code attributes} (7). */
    SUMMARY_DATA_POINT("", 7),
    /** {@code filtered_attributes} (7). */
    EXEMPLAR("", 7),
    /** A {@code KeyValue}: nothing is added to it. */
    KEY_VALUE(""),
    /** {@code attributes} (1). */
    RESOURCE("", 1),
    /** {@code attributes} (3). */
    SCOPE("", 3);

    private final String dataCase;
    private final int[] slotFields;

    MessageShape(String dataCase, int... slotFields) {
        this.dataCase = dataCase;
        this.slotFields = slotFields;
    }

    int slots() {
        return slotFields.length;
    }

    int slotField(int slot) {
        return slotFields[slot];
    }

    /** A metric's data case as protobuf-java names it ({@code GAUGE}, …, {@code DATA_NOT_SET}). */
    public String dataCase() {
        return dataCase;
    }

    /** The slot of the attributes (a metric's {@code metadata}), the first one but for the types listed. */
    public int attributeSlot() {
        return switch (this) {
            case METRIC_GAUGE, METRIC_SUM, METRIC_HISTOGRAM, METRIC_EXPONENTIAL_HISTOGRAM, METRIC_SUMMARY,
                 NUMBER_DATA_POINT, HISTOGRAM_DATA_POINT -> 1;
            default -> 0;
        };
    }

    /** The slot of a data point's exemplars. */
    public int exemplarSlot() {
        return this == EXPONENTIAL_HISTOGRAM_DATA_POINT ? 1 : 0;
    }
}
