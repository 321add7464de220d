package io.pqflux.otap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The exporter's tables, one directory each ({@code <base>/<directory>/...}), with the table each one's {@code
 * parent_id} refers to. {@link #RESOURCE_ATTRS} and {@link #SCOPE_ATTRS} are shared by all signals and refer to the
 * roots' nested {@code resource.id} / {@code scope.id}; every other child refers to its parent's top-level {@code id}.
 */
public enum OtapTable {
    LOGS("logs", Signal.LOGS, null),
    LOG_ATTRS("log_attrs", Signal.LOGS, LOGS),

    SPANS("spans", Signal.TRACES, null),
    SPAN_ATTRS("span_attrs", Signal.TRACES, SPANS),
    SPAN_EVENTS("span_events", Signal.TRACES, SPANS),
    SPAN_LINKS("span_links", Signal.TRACES, SPANS),
    SPAN_EVENT_ATTRS("span_event_attrs", Signal.TRACES, SPAN_EVENTS),
    SPAN_LINK_ATTRS("span_link_attrs", Signal.TRACES, SPAN_LINKS),

    UNIVARIATE_METRICS("univariate_metrics", Signal.METRICS, null),
    /** Uses the univariate template; not produced in practice and written without partitions. */
    MULTIVARIATE_METRICS("multivariate_metrics", Signal.METRICS, null),
    METRIC_ATTRS("metric_attrs", Signal.METRICS, UNIVARIATE_METRICS),
    NUMBER_DATA_POINTS("number_data_points", Signal.METRICS, UNIVARIATE_METRICS),
    SUMMARY_DATA_POINTS("summary_data_points", Signal.METRICS, UNIVARIATE_METRICS),
    HISTOGRAM_DATA_POINTS("histogram_data_points", Signal.METRICS, UNIVARIATE_METRICS),
    EXP_HISTOGRAM_DATA_POINTS("exp_histogram_data_points", Signal.METRICS, UNIVARIATE_METRICS),
    NUMBER_DP_ATTRS("number_dp_attrs", Signal.METRICS, NUMBER_DATA_POINTS),
    SUMMARY_DP_ATTRS("summary_dp_attrs", Signal.METRICS, SUMMARY_DATA_POINTS),
    HISTOGRAM_DP_ATTRS("histogram_dp_attrs", Signal.METRICS, HISTOGRAM_DATA_POINTS),
    EXP_HISTOGRAM_DP_ATTRS("exp_histogram_dp_attrs", Signal.METRICS, EXP_HISTOGRAM_DATA_POINTS),
    NUMBER_DP_EXEMPLARS("number_dp_exemplars", Signal.METRICS, NUMBER_DATA_POINTS),
    HISTOGRAM_DP_EXEMPLARS("histogram_dp_exemplars", Signal.METRICS, HISTOGRAM_DATA_POINTS),
    EXP_HISTOGRAM_DP_EXEMPLARS("exp_histogram_dp_exemplars", Signal.METRICS, EXP_HISTOGRAM_DATA_POINTS),
    NUMBER_DP_EXEMPLAR_ATTRS("number_dp_exemplar_attrs", Signal.METRICS, NUMBER_DP_EXEMPLARS),
    HISTOGRAM_DP_EXEMPLAR_ATTRS("histogram_dp_exemplar_attrs", Signal.METRICS, HISTOGRAM_DP_EXEMPLARS),
    EXP_HISTOGRAM_DP_EXEMPLAR_ATTRS("exp_histogram_dp_exemplar_attrs", Signal.METRICS, EXP_HISTOGRAM_DP_EXEMPLARS),

    /** Shared by every signal; {@code parent_id} is the roots' {@code resource.id} plus the batch's offset. */
    RESOURCE_ATTRS("resource_attrs", null, null),
    /** Shared by every signal; {@code parent_id} is the roots' {@code scope.id} plus the batch's offset. */
    SCOPE_ATTRS("scope_attrs", null, null);

    private final String directory;
    private final Signal signal;
    private final OtapTable parent;

    OtapTable(String directory, Signal signal, OtapTable parent) {
        this.directory = directory;
        this.signal = signal;
        this.parent = parent;
    }

    /** The directory name under the export's base: the OTAP payload type's name in lower case. */
    public String directory() {
        return directory;
    }

    /** The signal whose records the table holds; empty for the shared resource and scope attributes. */
    public Optional<Signal> signal() {
        return Optional.ofNullable(signal);
    }

    /**
     * The table whose top-level {@code id} this table's {@code parent_id} refers to; empty for roots and for the
     * shared resource and scope attributes, which refer to the roots' nested ids.
     */
    public Optional<OtapTable> parent() {
        return Optional.ofNullable(parent);
    }

    /** Whether rows are attributes ({@code parent_id, key, type, str, int, double, bool, bytes, ser}). */
    public boolean isAttributes() {
        return directory.endsWith("_attrs");
    }

    /** The table stored in {@code directory}, if it is one of the exporter's. */
    public static Optional<OtapTable> ofDirectory(String directory) {
        return Arrays.stream(values()).filter(t -> t.directory.equals(directory)).findFirst();
    }

    /** The tables a signal is rebuilt from, its root first, parents before children, then the shared attributes. */
    public static List<OtapTable> of(Signal signal) {
        List<OtapTable> tables = new java.util.ArrayList<>(
                Arrays.stream(values()).filter(t -> t.signal == signal && t != MULTIVARIATE_METRICS).toList());
        tables.add(RESOURCE_ATTRS);
        tables.add(SCOPE_ATTRS);
        return List.copyOf(tables);
    }
}
