package io.pqflux.otap.internal.rows;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.otap.OtapTable;

/**
 * Decodes one row of each table (spec §8's columns) into its OTLP builder. Absent and null columns give OTLP's
 * defaults, which is also what the exporter's dropped columns come back as ({@code Span.flags}, {@code
 * Link.flags}, {@code is_monotonic}, {@code zero_threshold}). Times are unsigned nanoseconds stored in signed INT64
 * and copied bit for bit into OTLP's {@code fixed64}s.
 */
public final class RowDecoders {

    /** {@code univariate_metrics.metric_type} codes. */
    private static final int GAUGE = 1, SUM = 2, HISTOGRAM = 3, EXPONENTIAL_HISTOGRAM = 4, SUMMARY = 5;

    private RowDecoders() {
    }

    /** A row of a root table. */
    public static Rows.Root root(OtapTable table, TableChunk chunk, int row) {
        ColumnReader resourceId = chunk.column("resource.id");
        ColumnReader scopeId = chunk.column("scope.id");
        Resource resource = null;
        String resourceSchemaUrl = "";
        if (chunk.column("resource.schema_url").isValid(1, row)
                || chunk.column("resource.dropped_attributes_count").isValid(1, row) || resourceId.isValid(1, row)) {
            resource = Resource.newBuilder()
                    .setDroppedAttributesCount(chunk.column("resource.dropped_attributes_count").int32Or(row, 0)).build();
            resourceSchemaUrl = chunk.column("resource.schema_url").stringOr(row, "");
        }
        InstrumentationScope scope = null;
        if (scopeId.isValid(1, row) || chunk.column("scope.name").isValid(1, row)
                || chunk.column("scope.version").isValid(1, row)
                || chunk.column("scope.dropped_attributes_count").isValid(1, row)) {
            scope = InstrumentationScope.newBuilder()
                    .setName(chunk.column("scope.name").stringOr(row, ""))
                    .setVersion(chunk.column("scope.version").stringOr(row, ""))
                    .setDroppedAttributesCount(chunk.column("scope.dropped_attributes_count").int32Or(row, 0)).build();
        }
        com.google.protobuf.Message.Builder record = switch (table) {
            case LOGS -> log(chunk, row);
            case SPANS -> span(chunk, row);
            case UNIVARIATE_METRICS, MULTIVARIATE_METRICS -> metric(chunk, row);
            default -> throw new IllegalArgumentException(table + " is not a root table");
        };
        return new Rows.Root(chunk.id("id", row), chunk.file(), chunk.fileRow(row),
                resourceId.isNull(row) ? -1 : Integer.toUnsignedLong(resourceId.int32(row)), resource,
                resourceSchemaUrl, scopeId.isNull(row) ? -1 : Integer.toUnsignedLong(scopeId.int32(row)), scope,
                chunk.column("schema_url").stringOr(row, ""), record);
    }

    private static LogRecord.Builder log(TableChunk c, int row) {
        LogRecord.Builder log = LogRecord.newBuilder()
                .setTimeUnixNano(c.column("time_unix_nano").int64Or(row, 0))
                .setObservedTimeUnixNano(c.column("observed_time_unix_nano").int64Or(row, 0))
                .setTraceId(c.column("trace_id").bytesOr(row, ByteString.EMPTY))
                .setSpanId(c.column("span_id").bytesOr(row, ByteString.EMPTY))
                .setSeverityNumberValue(c.column("severity_number").int32Or(row, 0))
                .setSeverityText(c.column("severity_text").stringOr(row, ""))
                .setDroppedAttributesCount(c.column("dropped_attributes_count").int32Or(row, 0))
                .setEventName(c.column("event_name").stringOr(row, ""))
                .setFlags(c.column("flags").int32Or(row, 0));
        // a null body struct is the empty value, which OTLP writes as an unset body
        if (c.column("body.type").isValid(1, row) && !c.column("body.type").isNull(row)) {
            log.setBody(AnyValues.read(c, "body.", row));
        }
        return log;
    }

    private static Span.Builder span(TableChunk c, int row) {
        long start = c.column("start_time_unix_nano").int64Or(row, 0);
        Span.Builder span = Span.newBuilder()
                .setTraceId(c.column("trace_id").bytesOr(row, ByteString.EMPTY))
                .setSpanId(c.column("span_id").bytesOr(row, ByteString.EMPTY))
                .setTraceState(c.column("trace_state").stringOr(row, ""))
                .setParentSpanId(c.column("parent_span_id").bytesOr(row, ByteString.EMPTY))
                .setName(c.column("name").stringOr(row, ""))
                .setKindValue(c.column("kind").int32Or(row, 0))
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + c.column("duration_time_unix_nano").int64Or(row, 0))
                .setDroppedAttributesCount(c.column("dropped_attributes_count").int32Or(row, 0))
                .setDroppedEventsCount(c.column("dropped_events_count").int32Or(row, 0))
                .setDroppedLinksCount(c.column("dropped_links_count").int32Or(row, 0));
        ColumnReader code = c.column("status.code");
        if (code.isValid(1, row) || c.column("status.status_message").isValid(1, row)) {
            span.setStatus(Status.newBuilder().setCodeValue(code.int32Or(row, 0))
                    .setMessage(c.column("status.status_message").stringOr(row, "")));
        }
        return span;
    }

    private static Metric.Builder metric(TableChunk c, int row) {
        Metric.Builder metric = Metric.newBuilder()
                .setName(c.column("name").stringOr(row, ""))
                .setDescription(c.column("description").stringOr(row, ""))
                .setUnit(c.column("unit").stringOr(row, ""));
        int type = c.column("metric_type").int32Or(row, 0);
        int temporalityValue = c.column("aggregation_temporality").int32Or(row, 0);
        switch (type) {
            case 0 -> { } // Empty: no data
            case GAUGE -> metric.setGauge(Gauge.getDefaultInstance());
            case SUM -> metric.setSum(Sum.newBuilder().setAggregationTemporalityValue(temporalityValue));
            case HISTOGRAM -> metric.setHistogram(Histogram.newBuilder().setAggregationTemporalityValue(temporalityValue));
            case EXPONENTIAL_HISTOGRAM -> metric.setExponentialHistogram(
                    ExponentialHistogram.newBuilder().setAggregationTemporalityValue(temporalityValue));
            case SUMMARY -> metric.setSummary(Summary.getDefaultInstance());
            default -> throw c.badValue(row, "metric_type " + type + " is not a metric type (0 to 5)");
        }
        return metric;
    }

    /** A row of {@code span_events}, {@code span_links}, a data-point or an exemplar table. */
    public static Rows.Child child(OtapTable table, TableChunk c, int row) {
        com.google.protobuf.Message.Builder record = switch (table) {
            case SPAN_EVENTS -> Span.Event.newBuilder()
                    .setTimeUnixNano(c.column("time_unix_nano").int64Or(row, 0))
                    .setName(c.column("name").stringOr(row, ""))
                    .setDroppedAttributesCount(c.column("dropped_attributes_count").int32Or(row, 0));
            case SPAN_LINKS -> Span.Link.newBuilder()
                    .setTraceId(c.column("trace_id").bytesOr(row, ByteString.EMPTY))
                    .setSpanId(c.column("span_id").bytesOr(row, ByteString.EMPTY))
                    .setTraceState(c.column("trace_state").stringOr(row, ""))
                    .setDroppedAttributesCount(c.column("dropped_attributes_count").int32Or(row, 0));
            case NUMBER_DATA_POINTS -> numberPoint(c, row);
            case SUMMARY_DATA_POINTS -> summaryPoint(c, row);
            case HISTOGRAM_DATA_POINTS -> histogramPoint(c, row);
            case EXP_HISTOGRAM_DATA_POINTS -> expHistogramPoint(c, row);
            case NUMBER_DP_EXEMPLARS, HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS -> exemplar(c, row);
            default -> throw new IllegalArgumentException(table + " has no records of its own");
        };
        return new Rows.Child(c.id("parent_id", row), c.id("id", row), c.file(), c.fileRow(row), record);
    }

    /** A row of an attribute table. */
    public static Rows.Attribute attribute(TableChunk c, int row) {
        return new Rows.Attribute(c.id("parent_id", row), c.file(), c.fileRow(row), AnyValues.attribute(c, row));
    }

    private static NumberDataPoint.Builder numberPoint(TableChunk c, int row) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(c.column("start_time_unix_nano").int64Or(row, 0))
                .setTimeUnixNano(c.column("time_unix_nano").int64Or(row, 0))
                .setFlags(c.column("flags").int32Or(row, 0));
        if (!c.column("int_value").isNull(row)) point.setAsInt(c.column("int_value").int64(row));
        else if (!c.column("double_value").isNull(row)) point.setAsDouble(c.column("double_value").float64(row));
        return point;
    }

    private static SummaryDataPoint.Builder summaryPoint(TableChunk c, int row) {
        SummaryDataPoint.Builder point = SummaryDataPoint.newBuilder()
                .setStartTimeUnixNano(c.column("start_time_unix_nano").int64Or(row, 0))
                .setTimeUnixNano(c.column("time_unix_nano").int64Or(row, 0))
                .setCount(c.column("count").int64Or(row, 0))
                .setSum(c.column("sum").float64Or(row, 0))
                .setFlags(c.column("flags").int32Or(row, 0));
        ColumnReader quantile = c.column("quantile.list.item.quantile");
        ColumnReader value = c.column("quantile.list.item.value");
        for (int e = quantile.first(row), end = quantile.end(row); e < end; e++) {
            point.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                    .setQuantile(quantile.float64Or(e, 0)).setValue(value.float64Or(e, 0)));
        }
        return point;
    }

    private static HistogramDataPoint.Builder histogramPoint(TableChunk c, int row) {
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(c.column("start_time_unix_nano").int64Or(row, 0))
                .setTimeUnixNano(c.column("time_unix_nano").int64Or(row, 0))
                .setCount(c.column("count").int64Or(row, 0))
                .setFlags(c.column("flags").int32Or(row, 0));
        if (!c.column("sum").isNull(row)) point.setSum(c.column("sum").float64(row));
        if (!c.column("min").isNull(row)) point.setMin(c.column("min").float64(row));
        if (!c.column("max").isNull(row)) point.setMax(c.column("max").float64(row));
        ColumnReader counts = c.column("bucket_counts.list.item");
        for (int e = counts.first(row), end = counts.end(row); e < end; e++) point.addBucketCounts(counts.int64Or(e, 0));
        ColumnReader bounds = c.column("explicit_bounds.list.item");
        for (int e = bounds.first(row), end = bounds.end(row); e < end; e++) point.addExplicitBounds(bounds.float64Or(e, 0));
        return point;
    }

    private static ExponentialHistogramDataPoint.Builder expHistogramPoint(TableChunk c, int row) {
        ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(c.column("start_time_unix_nano").int64Or(row, 0))
                .setTimeUnixNano(c.column("time_unix_nano").int64Or(row, 0))
                .setCount(c.column("count").int64Or(row, 0))
                .setScale(c.column("scale").int32Or(row, 0))
                .setZeroCount(c.column("zero_count").int64Or(row, 0))
                .setFlags(c.column("flags").int32Or(row, 0));
        if (!c.column("sum").isNull(row)) point.setSum(c.column("sum").float64(row));
        if (!c.column("min").isNull(row)) point.setMin(c.column("min").float64(row));
        if (!c.column("max").isNull(row)) point.setMax(c.column("max").float64(row));
        point.setPositive(buckets(c, "positive.", row));
        point.setNegative(buckets(c, "negative.", row));
        return point;
    }

    private static ExponentialHistogramDataPoint.Buckets.Builder buckets(TableChunk c, String prefix, int row) {
        ExponentialHistogramDataPoint.Buckets.Builder buckets = ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(c.column(prefix + "offset").int32Or(row, 0));
        ColumnReader counts = c.column(prefix + "bucket_counts.list.item");
        for (int e = counts.first(row), end = counts.end(row); e < end; e++) buckets.addBucketCounts(counts.int64Or(e, 0));
        return buckets;
    }

    /**
     * An exemplar. The templates default-fill a missing {@code int_value} or {@code double_value} with 0 and type a
     * filled {@code double_value} Int64 (spec §12.2), so a non-null column is not always the active one: a
     * {@code double_value} stored as INT64 is always filler; otherwise a null column is the inactive one, and when
     * both are set the double is taken (the int column is the filler the template adds for double exemplars).
     */
    private static Exemplar.Builder exemplar(TableChunk c, int row) {
        Exemplar.Builder exemplar = Exemplar.newBuilder()
                .setTimeUnixNano(c.column("time_unix_nano").int64Or(row, 0))
                .setSpanId(c.column("span_id").bytesOr(row, ByteString.EMPTY))
                .setTraceId(c.column("trace_id").bytesOr(row, ByteString.EMPTY));
        ColumnReader asInt = c.column("int_value");
        ColumnReader asDouble = c.column("double_value");
        boolean doubleIsFiller = asDouble.isPresent() && c.physicalType("double_value") == PhysicalType.INT64;
        if (!doubleIsFiller && !asDouble.isNull(row)) exemplar.setAsDouble(asDouble.float64(row));
        else if (!asInt.isNull(row)) exemplar.setAsInt(asInt.int64(row));
        return exemplar;
    }
}
