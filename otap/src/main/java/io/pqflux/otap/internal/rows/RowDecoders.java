package io.pqflux.otap.internal.rows;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
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
import io.pqflux.nested.SlotReader;
import io.pqflux.otap.OtapTable;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decoders of each table's rows (the columns of docs/otap-format.md §8) into OTLP builders, bound to one chunk: the
 * columns are resolved once per chunk, then read by row. Absent and null columns give OTLP's defaults, which is also
 * what the exporter's dropped columns come back as ({@code Span.flags}, {@code Link.flags}, {@code is_monotonic},
 * {@code zero_threshold}). Times are unsigned nanoseconds stored in signed INT64 and copied bit for bit into OTLP's
 * {@code fixed64}s.
 */
public final class RowDecoders {

    /** {@code univariate_metrics.metric_type} codes. */
    private static final int GAUGE = 1, SUM = 2, HISTOGRAM = 3, EXPONENTIAL_HISTOGRAM = 4, SUMMARY = 5;

    private RowDecoders() {
    }

    /** The rows of a root table's chunk. */
    public static IntFunction<Rows.Root> roots(OtapTable table, TableChunk chunk) {
        IntFunction<Message.Builder> record = switch (table) {
            case LOGS -> logs(chunk);
            case SPANS -> spans(chunk);
            case UNIVARIATE_METRICS, MULTIVARIATE_METRICS -> metrics(chunk);
            default -> throw new IllegalArgumentException(table + " is not a root table");
        };
        SlotReader id = chunk.idColumn(Columns.ID);
        SlotReader resourceId = chunk.column(Columns.RESOURCE_ID);
        SlotReader resourceSchemaUrl = chunk.column("resource.schema_url");
        SlotReader resourceDropped = chunk.column("resource.dropped_attributes_count");
        SlotReader scopeId = chunk.column(Columns.SCOPE_ID);
        SlotReader scopeName = chunk.column("scope.name");
        SlotReader scopeVersion = chunk.column("scope.version");
        SlotReader scopeDropped = chunk.column("scope.dropped_attributes_count");
        SlotReader schemaUrl = chunk.column("schema_url");
        // a struct's validity is the same in each of its leaves: any present one tells
        SlotReader resourceStruct = firstPresent(resourceId, resourceSchemaUrl, resourceDropped);
        SlotReader scopeStruct = firstPresent(scopeId, scopeName, scopeVersion, scopeDropped);
        String file = chunk.file();
        return row -> {
            Resource resource = null;
            String resourceUrl = "";
            if (resourceStruct.isValid(1, row)) {
                resource = Resource.newBuilder().setDroppedAttributesCount(resourceDropped.int32Or(row, 0)).build();
                resourceUrl = resourceSchemaUrl.stringOr(row, "");
            }
            InstrumentationScope scope = null;
            if (scopeStruct.isValid(1, row)) {
                scope = InstrumentationScope.newBuilder().setName(scopeName.stringOr(row, ""))
                        .setVersion(scopeVersion.stringOr(row, "")).setDroppedAttributesCount(scopeDropped.int32Or(row, 0))
                        .build();
            }
            return new Rows.Root(TableChunk.id(id, row), file, chunk.fileRow(row), TableChunk.id(resourceId, row),
                    resource, resourceUrl, TableChunk.id(scopeId, row), scope, schemaUrl.stringOr(row, ""),
                    record.apply(row));
        };
    }

    /** The columns {@link #rootIds} reads: a root table's ids only. */
    public static final List<String> ROOT_ID_COLUMNS = List.of(Columns.ID, Columns.RESOURCE_ID, Columns.SCOPE_ID);

    /**
     * The columns of a root row that place it in its batch and group ({@link #roots} reads a row of only these as one
     * with an empty record): its ids and the resource and scope without attributes, which show batch boundaries.
     */
    public static final List<String> ROOT_GROUPING_COLUMNS = List.of(Columns.ID, Columns.RESOURCE_ID,
            "resource.schema_url", "resource.dropped_attributes_count", Columns.SCOPE_ID, "scope.name", "scope.version",
            "scope.dropped_attributes_count", "schema_url");

    /** The rows of a root table's chunk, ids only ({@link #ROOT_ID_COLUMNS}). */
    public static IntFunction<Rows.RootIds> rootIds(TableChunk chunk) {
        SlotReader id = chunk.idColumn(Columns.ID);
        SlotReader resourceId = chunk.column(Columns.RESOURCE_ID);
        SlotReader scopeId = chunk.column(Columns.SCOPE_ID);
        String file = chunk.file();
        return row -> new Rows.RootIds(TableChunk.id(id, row), file, chunk.fileRow(row), TableChunk.id(resourceId, row),
                TableChunk.id(scopeId, row));
    }

    private static SlotReader firstPresent(SlotReader... columns) {
        for (SlotReader c : columns) if (c.isPresent()) return c;
        return columns[0];
    }

    /** OTLP's default for an id the row does not have: empty bytes. */
    private static ByteString bytesOrEmpty(SlotReader column, int row) {
        return column.isNull(row) ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(column.byteArray(row));
    }

    private static IntFunction<Message.Builder> logs(TableChunk c) {
        SlotReader time = c.column("time_unix_nano"), observed = c.column("observed_time_unix_nano");
        SlotReader traceId = c.column("trace_id"), spanId = c.column("span_id");
        SlotReader severity = c.column("severity_number"), severityText = c.column("severity_text");
        SlotReader dropped = c.column("dropped_attributes_count"), eventName = c.column("event_name");
        SlotReader flags = c.column("flags");
        AnyValues.Columns body = new AnyValues.Columns(c, "body.");
        return row -> {
            LogRecord.Builder log = LogRecord.newBuilder()
                    .setTimeUnixNano(time.int64Or(row, 0))
                    .setObservedTimeUnixNano(observed.int64Or(row, 0))
                    .setTraceId(bytesOrEmpty(traceId, row))
                    .setSpanId(bytesOrEmpty(spanId, row))
                    .setSeverityNumberValue(severity.int32Or(row, 0))
                    .setSeverityText(severityText.stringOr(row, ""))
                    .setDroppedAttributesCount(dropped.int32Or(row, 0))
                    .setEventName(eventName.stringOr(row, ""))
                    .setFlags(flags.int32Or(row, 0));
            // a null body struct is the empty value, which OTLP writes as an unset body
            if (body.isSet(row)) log.setBody(body.read(row));
            return log;
        };
    }

    private static IntFunction<Message.Builder> spans(TableChunk c) {
        SlotReader start = c.column("start_time_unix_nano"), duration = c.column("duration_time_unix_nano");
        SlotReader traceId = c.column("trace_id"), spanId = c.column("span_id"), traceState = c.column("trace_state");
        SlotReader parentSpanId = c.column("parent_span_id"), name = c.column("name"), kind = c.column("kind");
        SlotReader droppedAttributes = c.column("dropped_attributes_count");
        SlotReader droppedEvents = c.column("dropped_events_count"), droppedLinks = c.column("dropped_links_count");
        SlotReader code = c.column("status.code"), message = c.column("status.status_message");
        SlotReader status = firstPresent(code, message);
        return row -> {
            long startTime = start.int64Or(row, 0);
            Span.Builder span = Span.newBuilder()
                    .setTraceId(bytesOrEmpty(traceId, row))
                    .setSpanId(bytesOrEmpty(spanId, row))
                    .setTraceState(traceState.stringOr(row, ""))
                    .setParentSpanId(bytesOrEmpty(parentSpanId, row))
                    .setName(name.stringOr(row, ""))
                    .setKindValue(kind.int32Or(row, 0))
                    .setStartTimeUnixNano(startTime)
                    .setEndTimeUnixNano(startTime + duration.int64Or(row, 0))
                    .setDroppedAttributesCount(droppedAttributes.int32Or(row, 0))
                    .setDroppedEventsCount(droppedEvents.int32Or(row, 0))
                    .setDroppedLinksCount(droppedLinks.int32Or(row, 0));
            if (status.isValid(1, row)) {
                span.setStatus(Status.newBuilder().setCodeValue(code.int32Or(row, 0)).setMessage(message.stringOr(row, "")));
            }
            return span;
        };
    }

    private static IntFunction<Message.Builder> metrics(TableChunk c) {
        SlotReader name = c.column("name"), description = c.column("description"), unit = c.column("unit");
        SlotReader type = c.column("metric_type"), temporality = c.column("aggregation_temporality");
        return row -> {
            Metric.Builder metric = Metric.newBuilder().setName(name.stringOr(row, ""))
                    .setDescription(description.stringOr(row, "")).setUnit(unit.stringOr(row, ""));
            int aggregation = temporality.int32Or(row, 0);
            int metricType = type.int32Or(row, 0);
            switch (metricType) {
                case 0 -> { } // Empty: no data
                case GAUGE -> metric.setGauge(Gauge.getDefaultInstance());
                case SUM -> metric.setSum(Sum.newBuilder().setAggregationTemporalityValue(aggregation));
                case HISTOGRAM -> metric.setHistogram(Histogram.newBuilder().setAggregationTemporalityValue(aggregation));
                case EXPONENTIAL_HISTOGRAM -> metric.setExponentialHistogram(
                        ExponentialHistogram.newBuilder().setAggregationTemporalityValue(aggregation));
                case SUMMARY -> metric.setSummary(Summary.getDefaultInstance());
                default -> throw c.badValue(row, "metric_type " + metricType + " is not a metric type (0 to 5)");
            }
            return metric;
        };
    }

    /** The rows of a chunk of {@code span_events}, {@code span_links}, a data-point or an exemplar table. */
    public static IntFunction<Rows.Child> children(OtapTable table, TableChunk chunk) {
        IntFunction<Message.Builder> record = switch (table) {
            case SPAN_EVENTS -> events(chunk);
            case SPAN_LINKS -> links(chunk);
            case NUMBER_DATA_POINTS -> numberPoints(chunk);
            case SUMMARY_DATA_POINTS -> summaryPoints(chunk);
            case HISTOGRAM_DATA_POINTS -> histogramPoints(chunk);
            case EXP_HISTOGRAM_DATA_POINTS -> expHistogramPoints(chunk);
            case NUMBER_DP_EXEMPLARS, HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS -> exemplars(chunk);
            default -> throw new IllegalArgumentException(table + " has no records of its own");
        };
        SlotReader parentId = chunk.idColumn(Columns.PARENT_ID);
        SlotReader id = chunk.idColumn(Columns.ID);
        String file = chunk.file();
        return row -> new Rows.Child(TableChunk.id(parentId, row), TableChunk.id(id, row), file, chunk.fileRow(row),
                record.apply(row));
    }

    /** The rows of an attribute table's chunk. */
    public static IntFunction<Rows.Attribute> attributes(TableChunk chunk) {
        SlotReader parentId = chunk.idColumn(Columns.PARENT_ID);
        SlotReader key = chunk.column("key");
        AnyValues.Columns value = new AnyValues.Columns(chunk, "");
        String file = chunk.file();
        return row -> new Rows.Attribute(TableChunk.id(parentId, row), file, chunk.fileRow(row),
                KeyValue.newBuilder().setKey(key.stringOr(row, "")).setValue(value.read(row)).build());
    }

    private static IntFunction<Message.Builder> events(TableChunk c) {
        SlotReader time = c.column("time_unix_nano"), name = c.column("name");
        SlotReader dropped = c.column("dropped_attributes_count");
        return row -> Span.Event.newBuilder().setTimeUnixNano(time.int64Or(row, 0)).setName(name.stringOr(row, ""))
                .setDroppedAttributesCount(dropped.int32Or(row, 0));
    }

    private static IntFunction<Message.Builder> links(TableChunk c) {
        SlotReader traceId = c.column("trace_id"), spanId = c.column("span_id"), traceState = c.column("trace_state");
        SlotReader dropped = c.column("dropped_attributes_count");
        return row -> Span.Link.newBuilder().setTraceId(bytesOrEmpty(traceId, row))
                .setSpanId(bytesOrEmpty(spanId, row)).setTraceState(traceState.stringOr(row, ""))
                .setDroppedAttributesCount(dropped.int32Or(row, 0));
    }

    /** The columns every data-point table starts with. */
    private record PointColumns(SlotReader start, SlotReader time, SlotReader flags, SlotReader count,
                                SlotReader sum, SlotReader min, SlotReader max) {
        PointColumns(TableChunk c) {
            this(c.column("start_time_unix_nano"), c.column("time_unix_nano"), c.column("flags"), c.column("count"),
                    c.column("sum"), c.column("min"), c.column("max"));
        }
    }

    private static IntFunction<Message.Builder> numberPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader asInt = c.column("int_value"), asDouble = c.column("double_value");
        return row -> {
            NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setStartTimeUnixNano(p.start.int64Or(row, 0))
                    .setTimeUnixNano(p.time.int64Or(row, 0)).setFlags(p.flags.int32Or(row, 0));
            if (!asInt.isNull(row)) point.setAsInt(asInt.int64(row));
            else if (!asDouble.isNull(row)) point.setAsDouble(asDouble.float64(row));
            return point;
        };
    }

    private static IntFunction<Message.Builder> summaryPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader quantile = c.column("quantile.list.item.quantile"), value = c.column("quantile.list.item.value");
        return row -> {
            SummaryDataPoint.Builder point = SummaryDataPoint.newBuilder().setStartTimeUnixNano(p.start.int64Or(row, 0))
                    .setTimeUnixNano(p.time.int64Or(row, 0)).setCount(p.count.int64Or(row, 0))
                    .setSum(p.sum.float64Or(row, 0)).setFlags(p.flags.int32Or(row, 0));
            for (int e = quantile.first(row), end = quantile.end(row); e < end; e++) {
                point.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                        .setQuantile(quantile.float64Or(e, 0)).setValue(value.float64Or(e, 0)));
            }
            return point;
        };
    }

    private static IntFunction<Message.Builder> histogramPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader counts = c.column("bucket_counts.list.item"), bounds = c.column("explicit_bounds.list.item");
        return row -> {
            HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
                    .setStartTimeUnixNano(p.start.int64Or(row, 0)).setTimeUnixNano(p.time.int64Or(row, 0))
                    .setCount(p.count.int64Or(row, 0)).setFlags(p.flags.int32Or(row, 0));
            if (!p.sum.isNull(row)) point.setSum(p.sum.float64(row));
            if (!p.min.isNull(row)) point.setMin(p.min.float64(row));
            if (!p.max.isNull(row)) point.setMax(p.max.float64(row));
            for (int e = counts.first(row), end = counts.end(row); e < end; e++) point.addBucketCounts(counts.int64Or(e, 0));
            for (int e = bounds.first(row), end = bounds.end(row); e < end; e++) {
                point.addExplicitBounds(bounds.float64Or(e, 0));
            }
            return point;
        };
    }

    private static IntFunction<Message.Builder> expHistogramPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader scale = c.column("scale"), zeroCount = c.column("zero_count");
        SlotReader positiveOffset = c.column("positive.offset"), positive = c.column("positive.bucket_counts.list.item");
        SlotReader negativeOffset = c.column("negative.offset"), negative = c.column("negative.bucket_counts.list.item");
        return row -> {
            ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder()
                    .setStartTimeUnixNano(p.start.int64Or(row, 0)).setTimeUnixNano(p.time.int64Or(row, 0))
                    .setCount(p.count.int64Or(row, 0)).setScale(scale.int32Or(row, 0))
                    .setZeroCount(zeroCount.int64Or(row, 0)).setFlags(p.flags.int32Or(row, 0));
            if (!p.sum.isNull(row)) point.setSum(p.sum.float64(row));
            if (!p.min.isNull(row)) point.setMin(p.min.float64(row));
            if (!p.max.isNull(row)) point.setMax(p.max.float64(row));
            point.setPositive(buckets(positiveOffset, positive, row));
            point.setNegative(buckets(negativeOffset, negative, row));
            return point;
        };
    }

    private static ExponentialHistogramDataPoint.Buckets.Builder buckets(SlotReader offset, SlotReader counts, int row) {
        ExponentialHistogramDataPoint.Buckets.Builder buckets =
                ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(offset.int32Or(row, 0));
        for (int e = counts.first(row), end = counts.end(row); e < end; e++) buckets.addBucketCounts(counts.int64Or(e, 0));
        return buckets;
    }

    /**
     * Exemplars. The templates default-fill a missing {@code int_value} or {@code double_value} with 0 and type a
     * filled {@code double_value} Int64 (docs/otap-format.md §12.2), so a non-null column is not always the active one:
     * a {@code double_value} stored as INT64 is always filler; otherwise a null column is the inactive one, and when
     * both are set the double is taken (the int column is the filler the template adds for double exemplars).
     */
    private static IntFunction<Message.Builder> exemplars(TableChunk c) {
        SlotReader time = c.column("time_unix_nano"), spanId = c.column("span_id"), traceId = c.column("trace_id");
        SlotReader asInt = c.column("int_value"), asDouble = c.column("double_value");
        boolean doubleIsFiller = asDouble.isPresent() && c.physicalType("double_value") == PhysicalType.INT64;
        return row -> {
            Exemplar.Builder exemplar = Exemplar.newBuilder().setTimeUnixNano(time.int64Or(row, 0))
                    .setSpanId(bytesOrEmpty(spanId, row)).setTraceId(bytesOrEmpty(traceId, row));
            if (!doubleIsFiller && !asDouble.isNull(row)) exemplar.setAsDouble(asDouble.float64(row));
            else if (!asInt.isNull(row)) exemplar.setAsInt(asInt.int64(row));
            return exemplar;
        };
    }
}
