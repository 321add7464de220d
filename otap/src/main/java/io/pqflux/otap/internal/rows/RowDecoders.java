package io.pqflux.otap.internal.rows;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.nested.SlotReader;
import io.pqflux.otap.OtapTable;
import io.pqflux.otlp.wire.ProtoWriter;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decoders of each table's rows (the columns of docs/otap-format.md §8) into encoded OTLP messages ({@link
 * PartialMessage}), bound to one chunk: the columns are resolved once per chunk, then read by row, each row's fields
 * written in field-number order into one reused writer. Absent and null columns give OTLP's defaults, which is also
 * what the exporter's dropped columns come back as ({@code Span.flags}, {@code Link.flags}, {@code is_monotonic},
 * {@code zero_threshold}). Times are unsigned nanoseconds stored in signed INT64 and copied bit for bit into OTLP's
 * {@code fixed64}s.
 */
public final class RowDecoders {

    /** {@code univariate_metrics.metric_type} codes. */
    private static final int GAUGE = 1, SUM = 2, HISTOGRAM = 3, EXPONENTIAL_HISTOGRAM = 4, SUMMARY = 5;

    private RowDecoders() {
    }

    /** A row's fields being written: one per chunk decoder, reused row after row. */
    private static final class Fields {
        final ProtoWriter out = new ProtoWriter(256);
        private final int[] slots = new int[3];
        private int slotCount;

        ProtoWriter start() {
            out.reset();
            slotCount = 0;
            return out;
        }

        /** Marks where the next slot's children go: here. */
        void slot() {
            slots[slotCount++] = out.size();
        }

        PartialMessage done(MessageShape shape, long time) {
            return new PartialMessage(shape, out.toByteArray(), time, slots[0], slots[1], slots[2]);
        }

        /**
         * As {@link #done}, or {@code previous} when it has the same fields: consecutive rows of a batch mostly share
         * their resource and scope, which are never given children (their attributes are passed when written).
         */
        PartialMessage doneOrSame(MessageShape shape, PartialMessage previous) {
            return previous != null && previous.sameOwnFields(shape, out) ? previous : done(shape, 0);
        }
    }

    /** The rows of a root table's chunk. */
    public static IntFunction<Rows.Root> roots(OtapTable table, TableChunk chunk) {
        IntFunction<PartialMessage> record = switch (table) {
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
        Fields fields = new Fields();
        PartialMessage[] last = new PartialMessage[2];
        return row -> {
            PartialMessage resource = null;
            String resourceUrl = "";
            if (resourceStruct.isValid(1, row)) {
                fields.start();
                fields.slot();
                fields.out.uint32(Resource.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, resourceDropped.int32Or(row, 0));
                resource = last[0] = fields.doneOrSame(MessageShape.RESOURCE, last[0]);
                resourceUrl = resourceSchemaUrl.stringOr(row, "");
            }
            PartialMessage scope = null;
            if (scopeStruct.isValid(1, row)) {
                ProtoWriter out = fields.start();
                out.string(InstrumentationScope.NAME_FIELD_NUMBER, scopeName, row);
                out.string(InstrumentationScope.VERSION_FIELD_NUMBER, scopeVersion, row);
                fields.slot();
                out.uint32(InstrumentationScope.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, scopeDropped.int32Or(row, 0));
                scope = last[1] = fields.doneOrSame(MessageShape.SCOPE, last[1]);
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


    /** Log records; a record's time for time ranges is its time, or its observed time when that is 0 (unknown). */
    private static IntFunction<PartialMessage> logs(TableChunk c) {
        SlotReader time = c.column("time_unix_nano"), observed = c.column("observed_time_unix_nano");
        SlotReader traceId = c.column("trace_id"), spanId = c.column("span_id");
        SlotReader severity = c.column("severity_number"), severityText = c.column("severity_text");
        SlotReader dropped = c.column("dropped_attributes_count"), eventName = c.column("event_name");
        SlotReader flags = c.column("flags");
        AnyValues.Columns body = new AnyValues.Columns(c, "body.");
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            long timeNanos = time.int64Or(row, 0), observedNanos = observed.int64Or(row, 0);
            out.fixed64(LogRecord.TIME_UNIX_NANO_FIELD_NUMBER, timeNanos);
            out.int32(LogRecord.SEVERITY_NUMBER_FIELD_NUMBER, severity.int32Or(row, 0));
            out.string(LogRecord.SEVERITY_TEXT_FIELD_NUMBER, severityText, row);
            // a null body struct is the empty value, which OTLP writes as an unset body
            if (body.isSet(row)) {
                int mark = out.begin(LogRecord.BODY_FIELD_NUMBER);
                body.write(out, row);
                out.end(mark);
            }
            fields.slot();
            out.uint32(LogRecord.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, dropped.int32Or(row, 0));
            out.fixed32(LogRecord.FLAGS_FIELD_NUMBER, flags.int32Or(row, 0));
            out.bytes(LogRecord.TRACE_ID_FIELD_NUMBER, traceId, row);
            out.bytes(LogRecord.SPAN_ID_FIELD_NUMBER, spanId, row);
            out.fixed64(LogRecord.OBSERVED_TIME_UNIX_NANO_FIELD_NUMBER, observedNanos);
            out.string(LogRecord.EVENT_NAME_FIELD_NUMBER, eventName, row);
            return fields.done(MessageShape.LOG_RECORD, timeNanos != 0 ? timeNanos : observedNanos);
        };
    }

    private static IntFunction<PartialMessage> spans(TableChunk c) {
        SlotReader start = c.column("start_time_unix_nano"), duration = c.column("duration_time_unix_nano");
        SlotReader traceId = c.column("trace_id"), spanId = c.column("span_id"), traceState = c.column("trace_state");
        SlotReader parentSpanId = c.column("parent_span_id"), name = c.column("name"), kind = c.column("kind");
        SlotReader droppedAttributes = c.column("dropped_attributes_count");
        SlotReader droppedEvents = c.column("dropped_events_count"), droppedLinks = c.column("dropped_links_count");
        SlotReader code = c.column("status.code"), message = c.column("status.status_message");
        SlotReader status = firstPresent(code, message);
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            long startTime = start.int64Or(row, 0);
            out.bytes(Span.TRACE_ID_FIELD_NUMBER, traceId, row);
            out.bytes(Span.SPAN_ID_FIELD_NUMBER, spanId, row);
            out.string(Span.TRACE_STATE_FIELD_NUMBER, traceState, row);
            out.bytes(Span.PARENT_SPAN_ID_FIELD_NUMBER, parentSpanId, row);
            out.string(Span.NAME_FIELD_NUMBER, name, row);
            out.int32(Span.KIND_FIELD_NUMBER, kind.int32Or(row, 0));
            out.fixed64(Span.START_TIME_UNIX_NANO_FIELD_NUMBER, startTime);
            out.fixed64(Span.END_TIME_UNIX_NANO_FIELD_NUMBER, startTime + duration.int64Or(row, 0));
            fields.slot();
            out.uint32(Span.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, droppedAttributes.int32Or(row, 0));
            fields.slot();
            out.uint32(Span.DROPPED_EVENTS_COUNT_FIELD_NUMBER, droppedEvents.int32Or(row, 0));
            fields.slot();
            out.uint32(Span.DROPPED_LINKS_COUNT_FIELD_NUMBER, droppedLinks.int32Or(row, 0));
            if (status.isValid(1, row)) {
                int mark = out.begin(Span.STATUS_FIELD_NUMBER);
                out.string(Status.MESSAGE_FIELD_NUMBER, message, row);
                out.int32(Status.CODE_FIELD_NUMBER, code.int32Or(row, 0));
                out.end(mark);
            }
            return fields.done(MessageShape.SPAN, startTime);
        };
    }

    /**
     * Metrics, each with its data message (a gauge, sum, … by {@code metric_type}) already in its data slot: the data
     * points go into that.
     */
    private static IntFunction<PartialMessage> metrics(TableChunk c) {
        SlotReader name = c.column("name"), description = c.column("description"), unit = c.column("unit");
        SlotReader type = c.column("metric_type"), temporality = c.column("aggregation_temporality");
        Fields fields = new Fields();
        return row -> {
            int metricType = type.int32Or(row, 0);
            MessageShape shape = switch (metricType) {
                case 0 -> MessageShape.METRIC_WITHOUT_DATA;
                case GAUGE -> MessageShape.METRIC_GAUGE;
                case SUM -> MessageShape.METRIC_SUM;
                case HISTOGRAM -> MessageShape.METRIC_HISTOGRAM;
                case EXPONENTIAL_HISTOGRAM -> MessageShape.METRIC_EXPONENTIAL_HISTOGRAM;
                case SUMMARY -> MessageShape.METRIC_SUMMARY;
                default -> throw c.badValue(row, "metric_type " + metricType + " is not a metric type (0 to 5)");
            };
            PartialMessage data = null;
            if (shape != MessageShape.METRIC_WITHOUT_DATA) {
                ProtoWriter out = fields.start();
                fields.slot();
                // the temporality of a sum, histogram or exponential histogram (field 2 of each)
                if (metricType == SUM || metricType == HISTOGRAM || metricType == EXPONENTIAL_HISTOGRAM) {
                    out.int32(Sum.AGGREGATION_TEMPORALITY_FIELD_NUMBER, temporality.int32Or(row, 0));
                }
                data = fields.done(MessageShape.METRIC_DATA, 0);
            }
            ProtoWriter out = fields.start();
            out.string(Metric.NAME_FIELD_NUMBER, name, row);
            out.string(Metric.DESCRIPTION_FIELD_NUMBER, description, row);
            out.string(Metric.UNIT_FIELD_NUMBER, unit, row);
            if (data != null) fields.slot();
            fields.slot();
            PartialMessage metric = fields.done(shape, 0);
            if (data != null) metric.add(0, data);
            return metric;
        };
    }

    /** The rows of a chunk of {@code span_events}, {@code span_links}, a data-point or an exemplar table. */
    public static IntFunction<Rows.Child> children(OtapTable table, TableChunk chunk) {
        IntFunction<PartialMessage> record = switch (table) {
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

    /** The rows of an attribute table's chunk: each a {@code KeyValue}. */
    public static IntFunction<Rows.Attribute> attributes(TableChunk chunk) {
        SlotReader parentId = chunk.idColumn(Columns.PARENT_ID);
        SlotReader key = chunk.column("key");
        AnyValues.Columns value = new AnyValues.Columns(chunk, "");
        String file = chunk.file();
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            String name = key.stringOr(row, "");
            out.string(KeyValue.KEY_FIELD_NUMBER, name);
            int mark = out.begin(KeyValue.VALUE_FIELD_NUMBER);
            value.write(out, row);
            out.end(mark);
            return new Rows.Attribute(TableChunk.id(parentId, row), file, chunk.fileRow(row), name,
                    fields.done(MessageShape.KEY_VALUE, 0));
        };
    }

    private static IntFunction<PartialMessage> events(TableChunk c) {
        SlotReader time = c.column("time_unix_nano"), name = c.column("name");
        SlotReader dropped = c.column("dropped_attributes_count");
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            out.fixed64(Span.Event.TIME_UNIX_NANO_FIELD_NUMBER, time.int64Or(row, 0));
            out.string(Span.Event.NAME_FIELD_NUMBER, name, row);
            fields.slot();
            out.uint32(Span.Event.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, dropped.int32Or(row, 0));
            return fields.done(MessageShape.SPAN_EVENT, 0);
        };
    }

    private static IntFunction<PartialMessage> links(TableChunk c) {
        SlotReader traceId = c.column("trace_id"), spanId = c.column("span_id"), traceState = c.column("trace_state");
        SlotReader dropped = c.column("dropped_attributes_count");
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            out.bytes(Span.Link.TRACE_ID_FIELD_NUMBER, traceId, row);
            out.bytes(Span.Link.SPAN_ID_FIELD_NUMBER, spanId, row);
            out.string(Span.Link.TRACE_STATE_FIELD_NUMBER, traceState, row);
            fields.slot();
            out.uint32(Span.Link.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER, dropped.int32Or(row, 0));
            return fields.done(MessageShape.SPAN_LINK, 0);
        };
    }

    /** The columns every data-point table starts with. */
    private record PointColumns(SlotReader start, SlotReader time, SlotReader flags, SlotReader count,
                                SlotReader sum, SlotReader min, SlotReader max) {
        PointColumns(TableChunk c) {
            this(c.column("start_time_unix_nano"), c.column("time_unix_nano"), c.column("flags"), c.column("count"),
                    c.column("sum"), c.column("min"), c.column("max"));
        }

        /** {@code start_time_unix_nano} (2) and {@code time_unix_nano} (3), the same in every data point. */
        long writeTimes(ProtoWriter out, int row) {
            long timeNanos = time.int64Or(row, 0);
            out.fixed64(NumberDataPoint.START_TIME_UNIX_NANO_FIELD_NUMBER, start.int64Or(row, 0));
            out.fixed64(NumberDataPoint.TIME_UNIX_NANO_FIELD_NUMBER, timeNanos);
            return timeNanos;
        }

        /** An {@code optional double} ({@code sum}, {@code min}, {@code max}): written whenever set. */
        static void optional(ProtoWriter out, int field, SlotReader column, int row) {
            if (!column.isNull(row)) out.doubleAlways(field, column.float64(row));
        }
    }

    private static IntFunction<PartialMessage> numberPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader asInt = c.column("int_value"), asDouble = c.column("double_value");
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            long time = p.writeTimes(out, row);
            boolean isInt = !asInt.isNull(row);
            if (!isInt && !asDouble.isNull(row)) out.doubleAlways(NumberDataPoint.AS_DOUBLE_FIELD_NUMBER, asDouble.float64(row));
            fields.slot();
            if (isInt) out.fixed64Always(NumberDataPoint.AS_INT_FIELD_NUMBER, asInt.int64(row));
            fields.slot();
            out.uint32(NumberDataPoint.FLAGS_FIELD_NUMBER, p.flags.int32Or(row, 0));
            return fields.done(MessageShape.NUMBER_DATA_POINT, time);
        };
    }

    private static IntFunction<PartialMessage> summaryPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader quantile = c.column("quantile.list.item.quantile"), value = c.column("quantile.list.item.value");
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            long time = p.writeTimes(out, row);
            out.fixed64(SummaryDataPoint.COUNT_FIELD_NUMBER, p.count.int64Or(row, 0));
            out.float64(SummaryDataPoint.SUM_FIELD_NUMBER, p.sum.float64Or(row, 0));
            for (int e = quantile.first(row), end = quantile.end(row); e < end; e++) {
                int mark = out.begin(SummaryDataPoint.QUANTILE_VALUES_FIELD_NUMBER);
                out.float64(SummaryDataPoint.ValueAtQuantile.QUANTILE_FIELD_NUMBER, quantile.float64Or(e, 0));
                out.float64(SummaryDataPoint.ValueAtQuantile.VALUE_FIELD_NUMBER, value.float64Or(e, 0));
                out.end(mark);
            }
            fields.slot();
            out.uint32(SummaryDataPoint.FLAGS_FIELD_NUMBER, p.flags.int32Or(row, 0));
            return fields.done(MessageShape.SUMMARY_DATA_POINT, time);
        };
    }

    private static IntFunction<PartialMessage> histogramPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader counts = c.column("bucket_counts.list.item"), bounds = c.column("explicit_bounds.list.item");
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            long time = p.writeTimes(out, row);
            out.fixed64(HistogramDataPoint.COUNT_FIELD_NUMBER, p.count.int64Or(row, 0));
            PointColumns.optional(out, HistogramDataPoint.SUM_FIELD_NUMBER, p.sum, row);
            int first = counts.first(row), end = counts.end(row);
            if (first < end) {
                int mark = out.begin(HistogramDataPoint.BUCKET_COUNTS_FIELD_NUMBER);
                for (int e = first; e < end; e++) out.fixed64Element(counts.int64Or(e, 0));
                out.end(mark);
            }
            first = bounds.first(row);
            end = bounds.end(row);
            if (first < end) {
                int mark = out.begin(HistogramDataPoint.EXPLICIT_BOUNDS_FIELD_NUMBER);
                for (int e = first; e < end; e++) out.doubleElement(bounds.float64Or(e, 0));
                out.end(mark);
            }
            fields.slot();
            fields.slot();
            out.uint32(HistogramDataPoint.FLAGS_FIELD_NUMBER, p.flags.int32Or(row, 0));
            PointColumns.optional(out, HistogramDataPoint.MIN_FIELD_NUMBER, p.min, row);
            PointColumns.optional(out, HistogramDataPoint.MAX_FIELD_NUMBER, p.max, row);
            return fields.done(MessageShape.HISTOGRAM_DATA_POINT, time);
        };
    }

    private static IntFunction<PartialMessage> expHistogramPoints(TableChunk c) {
        PointColumns p = new PointColumns(c);
        SlotReader scale = c.column("scale"), zeroCount = c.column("zero_count");
        SlotReader positiveOffset = c.column("positive.offset"), positive = c.column("positive.bucket_counts.list.item");
        SlotReader negativeOffset = c.column("negative.offset"), negative = c.column("negative.bucket_counts.list.item");
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            fields.slot();
            long time = p.writeTimes(out, row);
            out.fixed64(ExponentialHistogramDataPoint.COUNT_FIELD_NUMBER, p.count.int64Or(row, 0));
            PointColumns.optional(out, ExponentialHistogramDataPoint.SUM_FIELD_NUMBER, p.sum, row);
            out.sint32(ExponentialHistogramDataPoint.SCALE_FIELD_NUMBER, scale.int32Or(row, 0));
            out.fixed64(ExponentialHistogramDataPoint.ZERO_COUNT_FIELD_NUMBER, zeroCount.int64Or(row, 0));
            buckets(out, ExponentialHistogramDataPoint.POSITIVE_FIELD_NUMBER, positiveOffset, positive, row);
            buckets(out, ExponentialHistogramDataPoint.NEGATIVE_FIELD_NUMBER, negativeOffset, negative, row);
            out.uint32(ExponentialHistogramDataPoint.FLAGS_FIELD_NUMBER, p.flags.int32Or(row, 0));
            fields.slot();
            PointColumns.optional(out, ExponentialHistogramDataPoint.MIN_FIELD_NUMBER, p.min, row);
            PointColumns.optional(out, ExponentialHistogramDataPoint.MAX_FIELD_NUMBER, p.max, row);
            return fields.done(MessageShape.EXPONENTIAL_HISTOGRAM_DATA_POINT, time);
        };
    }

    /** An exponential histogram's {@code Buckets}, always set. */
    private static void buckets(ProtoWriter out, int field, SlotReader offset, SlotReader counts, int row) {
        int mark = out.begin(field);
        out.sint32(ExponentialHistogramDataPoint.Buckets.OFFSET_FIELD_NUMBER, offset.int32Or(row, 0));
        int first = counts.first(row), end = counts.end(row);
        if (first < end) {
            int list = out.begin(ExponentialHistogramDataPoint.Buckets.BUCKET_COUNTS_FIELD_NUMBER);
            for (int e = first; e < end; e++) out.uint64Element(counts.int64Or(e, 0));
            out.end(list);
        }
        out.end(mark);
    }

    /**
     * Exemplars. The templates default-fill a missing {@code int_value} or {@code double_value} with 0 and type a
     * filled {@code double_value} Int64 (docs/otap-format.md §12.2), so a non-null column is not always the active one:
     * a {@code double_value} stored as INT64 is always filler; otherwise a null column is the inactive one, and when
     * both are set the double is taken (the int column is the filler the template adds for double exemplars).
     */
    private static IntFunction<PartialMessage> exemplars(TableChunk c) {
        SlotReader time = c.column("time_unix_nano"), spanId = c.column("span_id"), traceId = c.column("trace_id");
        SlotReader asInt = c.column("int_value"), asDouble = c.column("double_value");
        boolean doubleIsFiller = asDouble.isPresent() && c.physicalType("double_value") == PhysicalType.INT64;
        Fields fields = new Fields();
        return row -> {
            ProtoWriter out = fields.start();
            out.fixed64(Exemplar.TIME_UNIX_NANO_FIELD_NUMBER, time.int64Or(row, 0));
            boolean isDouble = !doubleIsFiller && !asDouble.isNull(row);
            if (isDouble) out.doubleAlways(Exemplar.AS_DOUBLE_FIELD_NUMBER, asDouble.float64(row));
            out.bytes(Exemplar.SPAN_ID_FIELD_NUMBER, spanId, row);
            out.bytes(Exemplar.TRACE_ID_FIELD_NUMBER, traceId, row);
            if (!isDouble && !asInt.isNull(row)) out.fixed64Always(Exemplar.AS_INT_FIELD_NUMBER, asInt.int64(row));
            fields.slot();
            return fields.done(MessageShape.EXEMPLAR, 0);
        };
    }
}
