package io.pqflux.otap.internal.join;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.otap.OtapTable;

/** How a child table's rows attach to their parent's OTLP builder (docs/otap-format.md §8.9 and §13). */
final class Attachments {

    private Attachments() {
    }

    /** Adds an attribute row to its parent record. */
    static void attribute(OtapTable table, Message.Builder parent, KeyValue attribute) {
        switch (table) {
            case LOG_ATTRS -> ((LogRecord.Builder) parent).addAttributes(attribute);
            case SPAN_ATTRS -> ((Span.Builder) parent).addAttributes(attribute);
            case SPAN_EVENT_ATTRS -> ((Span.Event.Builder) parent).addAttributes(attribute);
            case SPAN_LINK_ATTRS -> ((Span.Link.Builder) parent).addAttributes(attribute);
            case METRIC_ATTRS -> ((Metric.Builder) parent).addMetadata(attribute);
            case NUMBER_DP_ATTRS -> ((NumberDataPoint.Builder) parent).addAttributes(attribute);
            case SUMMARY_DP_ATTRS -> ((SummaryDataPoint.Builder) parent).addAttributes(attribute);
            case HISTOGRAM_DP_ATTRS -> ((HistogramDataPoint.Builder) parent).addAttributes(attribute);
            case EXP_HISTOGRAM_DP_ATTRS -> ((ExponentialHistogramDataPoint.Builder) parent).addAttributes(attribute);
            case NUMBER_DP_EXEMPLAR_ATTRS, HISTOGRAM_DP_EXEMPLAR_ATTRS, EXP_HISTOGRAM_DP_EXEMPLAR_ATTRS ->
                    ((Exemplar.Builder) parent).addFilteredAttributes(attribute);
            default -> throw new IllegalArgumentException(table + " is not a record's attribute table");
        }
    }

    /**
     * Adds a complete child record (event, link, data point, exemplar) to its parent; returns why it cannot be added
     * (a data point under a metric of another type), or null.
     */
    static String record(OtapTable table, Message.Builder parent, Message child) {
        switch (table) {
            case SPAN_EVENTS -> ((Span.Builder) parent).addEvents((Span.Event) child);
            case SPAN_LINKS -> ((Span.Builder) parent).addLinks((Span.Link) child);
            case NUMBER_DATA_POINTS -> {
                Metric.Builder metric = (Metric.Builder) parent;
                if (metric.hasGauge()) metric.getGaugeBuilder().addDataPoints((NumberDataPoint) child);
                else if (metric.hasSum()) metric.getSumBuilder().addDataPoints((NumberDataPoint) child);
                else return "its metric is not a gauge or sum (" + metric.getDataCase() + ")";
            }
            case HISTOGRAM_DATA_POINTS -> {
                Metric.Builder metric = (Metric.Builder) parent;
                if (!metric.hasHistogram()) return "its metric is not a histogram (" + metric.getDataCase() + ")";
                metric.getHistogramBuilder().addDataPoints((HistogramDataPoint) child);
            }
            case EXP_HISTOGRAM_DATA_POINTS -> {
                Metric.Builder metric = (Metric.Builder) parent;
                if (!metric.hasExponentialHistogram()) {
                    return "its metric is not an exponential histogram (" + metric.getDataCase() + ")";
                }
                metric.getExponentialHistogramBuilder().addDataPoints((ExponentialHistogramDataPoint) child);
            }
            case SUMMARY_DATA_POINTS -> {
                Metric.Builder metric = (Metric.Builder) parent;
                if (!metric.hasSummary()) return "its metric is not a summary (" + metric.getDataCase() + ")";
                metric.getSummaryBuilder().addDataPoints((SummaryDataPoint) child);
            }
            case NUMBER_DP_EXEMPLARS -> ((NumberDataPoint.Builder) parent).addExemplars((Exemplar) child);
            case HISTOGRAM_DP_EXEMPLARS -> ((HistogramDataPoint.Builder) parent).addExemplars((Exemplar) child);
            case EXP_HISTOGRAM_DP_EXEMPLARS ->
                    ((ExponentialHistogramDataPoint.Builder) parent).addExemplars((Exemplar) child);
            default -> throw new IllegalArgumentException(table + " has no records of its own");
        }
        return null;
    }
}
