package io.pqflux.otap.generator;

import static io.pqflux.otap.generator.ArrowField.ArrowType.BINARY;
import static io.pqflux.otap.generator.ArrowField.ArrowType.BOOL;
import static io.pqflux.otap.generator.ArrowField.ArrowType.DURATION_NS;
import static io.pqflux.otap.generator.ArrowField.ArrowType.FIXED_16;
import static io.pqflux.otap.generator.ArrowField.ArrowType.FIXED_8;
import static io.pqflux.otap.generator.ArrowField.ArrowType.FLOAT64;
import static io.pqflux.otap.generator.ArrowField.ArrowType.INT32;
import static io.pqflux.otap.generator.ArrowField.ArrowType.INT64;
import static io.pqflux.otap.generator.ArrowField.ArrowType.TIMESTAMP_NS;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT16;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT32;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT64;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT8;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UTF8;
import static io.pqflux.otap.generator.ColumnBuilder.Presence.ALWAYS;
import static io.pqflux.otap.generator.ColumnBuilder.Presence.ANY_NON_DEFAULT;
import static io.pqflux.otap.generator.ColumnBuilder.Presence.ANY_NON_NULL;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.generator.ArrowField.ArrowType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP → OTAP record batches as the Rust encoder ({@code encode_*_otap_batch}) builds them for one message, before id
 * rewriting (docs/otap-format.md §4 step 1, §8.1): {@code resource.id} = index of the ResourceX in the message,
 * {@code scope.id} = a running index of ScopeX across the message; top-level ids are per-table counters from 0, UInt16
 * for logs, spans and metrics, UInt32 below them. Optional columns are left out as {@link ColumnBuilder} describes, so
 * the templates have something to fill; columns the templates drop ({@code spans.flags}, {@code span_links.flags},
 * {@code is_monotonic}, {@code zero_threshold}) are emitted.
 *
 * <p>As upstream's encoder (otel-arrow 929d7e87):
 * <ul>
 *   <li>Every ResourceX and ScopeX is numbered, also one without records; its attributes are emitted under that id
 *       (so attribute rows may have no root row). An absent scope (no {@code scope} field) is numbered too: its
 *       {@code scope} struct has the id, null name and version, dropped count 0. A message without records encodes to
 *       no record batch at all.</li>
 *   <li>A log gets an id only when it has attributes (dense from 0 in record order; the column is left out when no log
 *       has attributes); every span, span event, span link, metric, data point (gauge and sum share one counter) and
 *       exemplar gets one, each table its own counter.</li>
 *   <li>AnyValue value columns ({@code str}, {@code int}, {@code double}, {@code bytes}, {@code ser}, in attribute
 *       tables and the log {@code body}) are left out only when every value in the batch is null or the type's default;
 *       otherwise defaults are written as values. {@code bool} is written whenever any row has one ({@code false}
 *       included). An empty value is type 0 with every value column null; an empty body is a null {@code body} row.</li>
 *   <li>The OTLP views read an unset proto3 field as absent: {@code severity_number} 0, {@code severity_text} "",
 *       log {@code flags} 0, {@code event_name} "" and empty schema URLs become nulls, as do empty ids ({@code trace_id},
 *       {@code span_id}, {@code parent_span_id} of length 0) and empty optional strings.</li>
 * </ul>
 */
final class OtlpEncoder {

    private final Map<OtapTable, List<Column>> columns = new LinkedHashMap<>();
    private final Map<OtapTable, Integer> rows = new LinkedHashMap<>();

    private OtlpEncoder() {
    }

    // ---------------------------------------------------------------- shared pieces

    /** The attribute rows of one attribute table. */
    private static final class Attrs {
        final OtapTable table;
        final ColumnBuilder parentId;
        final ColumnBuilder key = new ColumnBuilder("key", UTF8, ALWAYS, false);
        final AnyValueColumns value = new AnyValueColumns();

        Attrs(OtapTable table, ArrowType parentIdType) {
            this.table = table;
            this.parentId = new ColumnBuilder("parent_id", parentIdType, ALWAYS, false);
        }

        void add(long parent, List<KeyValue> attributes) {
            for (KeyValue attribute : attributes) {
                parentId.add(parent);
                key.add(attribute.getKey());
                value.add(attribute.getValue());
            }
        }

        void finishInto(OtlpEncoder encoder) {
            List<Column> out = new ArrayList<>();
            ColumnBuilder.finishInto(out, parentId, key);
            value.finishInto(out);
            encoder.put(table, out, parentId.size());
        }
    }

    /**
     * The {@code type} and value columns of AnyValues (attribute rows, the log body): value columns left out when all
     * null or default, {@code bool} kept when any row has one.
     */
    private static final class AnyValueColumns {
        final ColumnBuilder type = new ColumnBuilder("type", UINT8, ALWAYS, false);
        final ColumnBuilder str = new ColumnBuilder("str", UTF8, ANY_NON_DEFAULT, true);
        final ColumnBuilder integer = new ColumnBuilder("int", INT64, ANY_NON_DEFAULT, true);
        final ColumnBuilder dbl = new ColumnBuilder("double", FLOAT64, ANY_NON_DEFAULT, true);
        final ColumnBuilder bool = new ColumnBuilder("bool", BOOL, ANY_NON_NULL, true);
        final ColumnBuilder bytes = new ColumnBuilder("bytes", BINARY, ANY_NON_DEFAULT, true);
        final ColumnBuilder ser = new ColumnBuilder("ser", BINARY, ANY_NON_DEFAULT, true);

        /** Adds the value; returns its type code. */
        long add(AnyValue anyValue) {
            Value value = Value.of(anyValue);
            type.add(value.type);
            str.add(value.str);
            integer.add(value.integer);
            dbl.add(value.dbl);
            bool.add(value.bool);
            bytes.add(value.bytes);
            ser.add(value.ser);
            return value.type;
        }

        void finishInto(List<Column> out) {
            ColumnBuilder.finishInto(out, type, str, integer, dbl, bool, bytes, ser);
        }
    }

    /** An AnyValue split into OTAP's type code and value columns (docs/otap-format.md §10). */
    record Value(long type, String str, Long integer, Double dbl, Boolean bool, byte[] bytes, byte[] ser) {
        static Value of(AnyValue value) {
            return switch (value.getValueCase()) {
                case VALUE_NOT_SET -> new Value(0, null, null, null, null, null, null);
                case STRING_VALUE -> new Value(1, value.getStringValue(), null, null, null, null, null);
                case INT_VALUE -> new Value(2, null, value.getIntValue(), null, null, null, null);
                case DOUBLE_VALUE -> new Value(3, null, null, value.getDoubleValue(), null, null, null);
                case BOOL_VALUE -> new Value(4, null, null, null, value.getBoolValue(), null, null);
                case KVLIST_VALUE -> new Value(5, null, null, null, null, null, CborValues.encode(value));
                case ARRAY_VALUE -> new Value(6, null, null, null, null, null, CborValues.encode(value));
                case BYTES_VALUE -> new Value(7, null, null, null, null, value.getBytesValue().toByteArray(), null);
                case STRING_VALUE_STRINDEX -> throw new IllegalArgumentException(
                        "string_value_strindex (profiles' string table) has no OTAP encoding");
            };
        }
    }

    /** The {@code resource} and {@code scope} struct columns of a root table. */
    private static final class ResourceScope {
        final ColumnBuilder resourceId = new ColumnBuilder("id", UINT16, ANY_NON_NULL, true);
        final ColumnBuilder resourceSchemaUrl = new ColumnBuilder("schema_url", UTF8, ANY_NON_DEFAULT, true);
        final ColumnBuilder resourceDropped = new ColumnBuilder("dropped_attributes_count", UINT32, ANY_NON_DEFAULT, true);
        final ColumnBuilder scopeId = new ColumnBuilder("id", UINT16, ANY_NON_NULL, true);
        final ColumnBuilder scopeName = new ColumnBuilder("name", UTF8, ANY_NON_DEFAULT, true);
        final ColumnBuilder scopeVersion = new ColumnBuilder("version", UTF8, ANY_NON_DEFAULT, true);
        final ColumnBuilder scopeDropped = new ColumnBuilder("dropped_attributes_count", UINT32, ANY_NON_DEFAULT, true);
        final ColumnBuilder schemaUrl = new ColumnBuilder("schema_url", UTF8, ANY_NON_DEFAULT, true);

        /** @param scope {@code null} for an absent scope */
        void add(int resourceIndex, String resourceSchemaUrl, Resource resource, int scopeIndex, InstrumentationScope scope,
                 String scopeSchemaUrl) {
            resourceId.add((long) resourceIndex);
            this.resourceSchemaUrl.add(nonEmpty(resourceSchemaUrl));
            resourceDropped.add(Integer.toUnsignedLong(resource.getDroppedAttributesCount()));
            scopeId.add((long) scopeIndex);
            scopeName.add(scope == null ? null : scope.getName());
            scopeVersion.add(scope == null ? null : scope.getVersion());
            scopeDropped.add(scope == null ? 0L : Integer.toUnsignedLong(scope.getDroppedAttributesCount()));
            schemaUrl.add(nonEmpty(scopeSchemaUrl));
        }

        void finishInto(List<Column> out, int rows) {
            out.add(ColumnBuilder.struct("resource", true, rows, resourceId, resourceSchemaUrl, resourceDropped));
            out.add(ColumnBuilder.struct("scope", true, rows, scopeId, scopeName, scopeVersion, scopeDropped));
            ColumnBuilder.finishInto(out, schemaUrl);
        }
    }

    private void put(OtapTable table, List<Column> tableColumns, int tableRows) {
        if (tableRows > 0) {
            columns.put(table, tableColumns);
            rows.put(table, tableRows);
        }
    }

    private Map<OtapTable, TableBatch> batches() {
        Map<OtapTable, TableBatch> out = new LinkedHashMap<>();
        columns.forEach((table, tableColumns) -> out.put(table, new TableBatch(table, tableColumns, rows.get(table))));
        return out;
    }

    private static byte[] fixed(ByteString id, int width, String what) {
        if (id.isEmpty()) return null;
        if (id.size() != width) throw new IllegalArgumentException(what + " has " + id.size() + " bytes, not " + width);
        return id.toByteArray();
    }

    private static String nonEmpty(String text) {
        return text.isEmpty() ? null : text;
    }

    private static long u16(int id, String what) {
        if (id > 0xffff) throw new IllegalArgumentException("more than 65,536 " + what + " in one batch: the Rust encoder's UInt16 ids overflow");
        return id;
    }

    // ---------------------------------------------------------------- logs

    static Map<OtapTable, TableBatch> logs(LogsData data) {
        OtlpEncoder encoder = new OtlpEncoder();
        Attrs resourceAttrs = new Attrs(OtapTable.RESOURCE_ATTRS, UINT16);
        Attrs scopeAttrs = new Attrs(OtapTable.SCOPE_ATTRS, UINT16);
        Attrs logAttrs = new Attrs(OtapTable.LOG_ATTRS, UINT16);
        ResourceScope resourceScope = new ResourceScope();
        ColumnBuilder id = new ColumnBuilder("id", UINT16, ANY_NON_NULL, true);
        ColumnBuilder time = new ColumnBuilder("time_unix_nano", TIMESTAMP_NS, ALWAYS, false);
        ColumnBuilder observed = new ColumnBuilder("observed_time_unix_nano", TIMESTAMP_NS, ALWAYS, false);
        ColumnBuilder traceId = new ColumnBuilder("trace_id", FIXED_16, ANY_NON_NULL, true);
        ColumnBuilder spanId = new ColumnBuilder("span_id", FIXED_8, ANY_NON_NULL, true);
        ColumnBuilder severityNumber = new ColumnBuilder("severity_number", INT32, ANY_NON_NULL, true);
        ColumnBuilder severityText = new ColumnBuilder("severity_text", UTF8, ANY_NON_NULL, true);
        ColumnBuilder dropped = new ColumnBuilder("dropped_attributes_count", UINT32, ANY_NON_DEFAULT, false);
        ColumnBuilder flags = new ColumnBuilder("flags", UINT32, ANY_NON_DEFAULT, true);
        ColumnBuilder eventName = new ColumnBuilder("event_name", UTF8, ANY_NON_NULL, true);
        BodyBuilder body = new BodyBuilder();
        int resourceIndex = 0;
        int scopeIndex = 0;
        int logId = 0;
        for (ResourceLogs resourceLogs : data.getResourceLogsList()) {
            int rid = resourceIndex++;
            resourceAttrs.add(rid, resourceLogs.getResource().getAttributesList());
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                int sid = scopeIndex++;
                scopeAttrs.add(sid, scopeLogs.getScope().getAttributesList());
                for (LogRecord log : scopeLogs.getLogRecordsList()) {
                    resourceScope.add(rid, resourceLogs.getSchemaUrl(), resourceLogs.getResource(), sid,
                            scopeLogs.hasScope() ? scopeLogs.getScope() : null, scopeLogs.getSchemaUrl());
                    Long logIdValue = null;
                    if (log.getAttributesCount() > 0) {
                        logIdValue = u16(logId++, "attributed logs");
                        logAttrs.add(logIdValue, log.getAttributesList());
                    }
                    id.add(logIdValue);
                    time.add(log.getTimeUnixNano());
                    observed.add(log.getObservedTimeUnixNano());
                    traceId.add(fixed(log.getTraceId(), 16, "log trace_id"));
                    spanId.add(fixed(log.getSpanId(), 8, "log span_id"));
                    severityNumber.add(log.getSeverityNumberValue() == 0 ? null : (long) log.getSeverityNumberValue());
                    severityText.add(nonEmpty(log.getSeverityText()));
                    body.add(log.hasBody() ? log.getBody() : AnyValue.getDefaultInstance());
                    dropped.add(Integer.toUnsignedLong(log.getDroppedAttributesCount()));
                    flags.add(log.getFlags() == 0 ? null : Integer.toUnsignedLong(log.getFlags()));
                    eventName.add(nonEmpty(log.getEventName()));
                }
            }
        }
        if (time.size() == 0) return Map.of();
        List<Column> logs = new ArrayList<>();
        ColumnBuilder.finishInto(logs, id);
        resourceScope.finishInto(logs, time.size());
        ColumnBuilder.finishInto(logs, time, observed, traceId, spanId, severityNumber, severityText);
        Column bodyColumn = body.finish();
        if (bodyColumn != null) logs.add(bodyColumn);
        ColumnBuilder.finishInto(logs, dropped, flags, eventName);
        encoder.put(OtapTable.LOGS, logs, time.size());
        logAttrs.finishInto(encoder);
        resourceAttrs.finishInto(encoder);
        scopeAttrs.finishInto(encoder);
        return encoder.batches();
    }

    /** The log body struct: null for an empty value, children like an attribute's value columns. */
    private static final class BodyBuilder {
        final AnyValueColumns value = new AnyValueColumns();
        final List<Boolean> valid = new ArrayList<>();

        void add(AnyValue body) {
            valid.add(value.add(body) != 0);
        }

        Column finish() {
            if (!valid.contains(true)) return null;
            List<Column> children = new ArrayList<>();
            value.finishInto(children);
            boolean[] mask = new boolean[valid.size()];
            for (int i = 0; i < mask.length; i++) mask[i] = valid.get(i);
            ArrowField field = new ArrowField("body", ArrowType.STRUCT, true, children.stream().map(Column::field).toList());
            return Column.struct(field, children, mask, mask.length);
        }
    }

    // ---------------------------------------------------------------- traces

    static Map<OtapTable, TableBatch> traces(TracesData data) {
        OtlpEncoder encoder = new OtlpEncoder();
        Attrs resourceAttrs = new Attrs(OtapTable.RESOURCE_ATTRS, UINT16);
        Attrs scopeAttrs = new Attrs(OtapTable.SCOPE_ATTRS, UINT16);
        Attrs spanAttrs = new Attrs(OtapTable.SPAN_ATTRS, UINT16);
        Attrs eventAttrs = new Attrs(OtapTable.SPAN_EVENT_ATTRS, UINT32);
        Attrs linkAttrs = new Attrs(OtapTable.SPAN_LINK_ATTRS, UINT32);
        ResourceScope resourceScope = new ResourceScope();
        ColumnBuilder id = new ColumnBuilder("id", UINT16, ANY_NON_NULL, true);
        ColumnBuilder start = new ColumnBuilder("start_time_unix_nano", TIMESTAMP_NS, ALWAYS, false);
        ColumnBuilder duration = new ColumnBuilder("duration_time_unix_nano", DURATION_NS, ALWAYS, false);
        ColumnBuilder traceId = new ColumnBuilder("trace_id", FIXED_16, ALWAYS, false);
        ColumnBuilder spanId = new ColumnBuilder("span_id", FIXED_8, ALWAYS, false);
        ColumnBuilder traceState = new ColumnBuilder("trace_state", UTF8, ANY_NON_NULL, true);
        ColumnBuilder parentSpanId = new ColumnBuilder("parent_span_id", FIXED_8, ANY_NON_NULL, true);
        ColumnBuilder name = new ColumnBuilder("name", UTF8, ALWAYS, false);
        ColumnBuilder kind = new ColumnBuilder("kind", INT32, ANY_NON_NULL, true);
        ColumnBuilder droppedAttributes = new ColumnBuilder("dropped_attributes_count", UINT32, ANY_NON_DEFAULT, true);
        ColumnBuilder droppedEvents = new ColumnBuilder("dropped_events_count", UINT32, ANY_NON_DEFAULT, true);
        ColumnBuilder droppedLinks = new ColumnBuilder("dropped_links_count", UINT32, ANY_NON_DEFAULT, true);
        ColumnBuilder flags = new ColumnBuilder("flags", UINT32, ANY_NON_DEFAULT, true);
        ColumnBuilder statusCode = new ColumnBuilder("code", INT32, ANY_NON_NULL, true);
        ColumnBuilder statusMessage = new ColumnBuilder("status_message", UTF8, ANY_NON_NULL, true);

        ColumnBuilder eventId = new ColumnBuilder("id", UINT32, ANY_NON_NULL, true);
        ColumnBuilder eventParent = new ColumnBuilder("parent_id", UINT16, ALWAYS, false);
        ColumnBuilder eventTime = new ColumnBuilder("time_unix_nano", TIMESTAMP_NS, ANY_NON_NULL, true);
        ColumnBuilder eventName = new ColumnBuilder("name", UTF8, ALWAYS, false);
        ColumnBuilder eventDropped = new ColumnBuilder("dropped_attributes_count", UINT32, ANY_NON_DEFAULT, true);

        ColumnBuilder linkId = new ColumnBuilder("id", UINT32, ANY_NON_NULL, true);
        ColumnBuilder linkParent = new ColumnBuilder("parent_id", UINT16, ALWAYS, false);
        ColumnBuilder linkTraceId = new ColumnBuilder("trace_id", FIXED_16, ANY_NON_NULL, true);
        ColumnBuilder linkSpanId = new ColumnBuilder("span_id", FIXED_8, ANY_NON_NULL, true);
        ColumnBuilder linkTraceState = new ColumnBuilder("trace_state", UTF8, ANY_NON_NULL, true);
        ColumnBuilder linkFlags = new ColumnBuilder("flags", UINT32, ANY_NON_DEFAULT, true);
        ColumnBuilder linkDropped = new ColumnBuilder("dropped_attributes_count", UINT32, ANY_NON_DEFAULT, true);

        int resourceIndex = 0;
        int scopeIndex = 0;
        int nextSpanId = 0;
        long nextEventId = 0;
        long nextLinkId = 0;
        for (ResourceSpans resourceSpans : data.getResourceSpansList()) {
            int rid = resourceIndex++;
            resourceAttrs.add(rid, resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                int sid = scopeIndex++;
                scopeAttrs.add(sid, scopeSpans.getScope().getAttributesList());
                for (Span span : scopeSpans.getSpansList()) {
                    resourceScope.add(rid, resourceSpans.getSchemaUrl(), resourceSpans.getResource(), sid,
                            scopeSpans.hasScope() ? scopeSpans.getScope() : null, scopeSpans.getSchemaUrl());
                    long spanIdValue = u16(nextSpanId++, "spans");
                    spanAttrs.add(spanIdValue, span.getAttributesList());
                    id.add(spanIdValue);
                    start.add(span.getStartTimeUnixNano());
                    duration.add(span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
                    traceId.add(requireFixed(span.getTraceId(), 16, "span trace_id"));
                    spanId.add(requireFixed(span.getSpanId(), 8, "span span_id"));
                    traceState.add(nonEmpty(span.getTraceState()));
                    parentSpanId.add(fixed(span.getParentSpanId(), 8, "parent_span_id"));
                    name.add(span.getName());
                    kind.add((long) span.getKindValue());
                    droppedAttributes.add(Integer.toUnsignedLong(span.getDroppedAttributesCount()));
                    droppedEvents.add(Integer.toUnsignedLong(span.getDroppedEventsCount()));
                    droppedLinks.add(Integer.toUnsignedLong(span.getDroppedLinksCount()));
                    flags.add(Integer.toUnsignedLong(span.getFlags()));
                    statusCode.add(span.getStatus().getCodeValue() == 0 ? null : (long) span.getStatus().getCodeValue());
                    statusMessage.add(nonEmpty(span.getStatus().getMessage()));
                    for (Span.Event event : span.getEventsList()) {
                        long eventIdValue = nextEventId++;
                        eventAttrs.add(eventIdValue, event.getAttributesList());
                        eventId.add(eventIdValue);
                        eventParent.add(spanIdValue);
                        eventTime.add(event.getTimeUnixNano());
                        eventName.add(event.getName());
                        eventDropped.add(Integer.toUnsignedLong(event.getDroppedAttributesCount()));
                    }
                    for (Span.Link link : span.getLinksList()) {
                        long linkIdValue = nextLinkId++;
                        linkAttrs.add(linkIdValue, link.getAttributesList());
                        linkId.add(linkIdValue);
                        linkParent.add(spanIdValue);
                        linkTraceId.add(fixed(link.getTraceId(), 16, "link trace_id"));
                        linkSpanId.add(fixed(link.getSpanId(), 8, "link span_id"));
                        linkTraceState.add(nonEmpty(link.getTraceState()));
                        linkFlags.add(Integer.toUnsignedLong(link.getFlags()));
                        linkDropped.add(Integer.toUnsignedLong(link.getDroppedAttributesCount()));
                    }
                }
            }
        }
        if (start.size() == 0) return Map.of();
        List<Column> spans = new ArrayList<>();
        ColumnBuilder.finishInto(spans, id);
        resourceScope.finishInto(spans, start.size());
        ColumnBuilder.finishInto(spans, start, duration, traceId, spanId, traceState, parentSpanId, name, kind,
                droppedAttributes, droppedEvents, droppedLinks, flags);
        Column code = statusCode.finish();
        Column message = statusMessage.finish();
        if (code != null || message != null) {
            spans.add(ColumnBuilder.struct("status", true, start.size(), statusCode, statusMessage));
        }
        encoder.put(OtapTable.SPANS, spans, start.size());
        List<Column> events = new ArrayList<>();
        ColumnBuilder.finishInto(events, eventId, eventParent, eventTime, eventName, eventDropped);
        encoder.put(OtapTable.SPAN_EVENTS, events, eventParent.size());
        List<Column> links = new ArrayList<>();
        ColumnBuilder.finishInto(links, linkId, linkParent, linkTraceId, linkSpanId, linkTraceState, linkFlags, linkDropped);
        encoder.put(OtapTable.SPAN_LINKS, links, linkParent.size());
        spanAttrs.finishInto(encoder);
        eventAttrs.finishInto(encoder);
        linkAttrs.finishInto(encoder);
        resourceAttrs.finishInto(encoder);
        scopeAttrs.finishInto(encoder);
        return encoder.batches();
    }

    private static byte[] requireFixed(ByteString id, int width, String what) {
        byte[] bytes = fixed(id, width, what);
        if (bytes == null) throw new IllegalArgumentException(what + " is empty: the encoder's column is not nullable");
        return bytes;
    }

    // ---------------------------------------------------------------- metrics

    /** The rows of one data-point table's exemplars and their attributes. */
    private static final class Exemplars {
        final OtapTable table;
        final Attrs attrs;
        final ColumnBuilder id = new ColumnBuilder("id", UINT32, ANY_NON_NULL, true);
        final ColumnBuilder parentId = new ColumnBuilder("parent_id", UINT32, ALWAYS, false);
        final ColumnBuilder time = new ColumnBuilder("time_unix_nano", TIMESTAMP_NS, ALWAYS, false);
        final ColumnBuilder intValue = new ColumnBuilder("int_value", INT64, ANY_NON_DEFAULT, true);
        final ColumnBuilder doubleValue = new ColumnBuilder("double_value", FLOAT64, ANY_NON_DEFAULT, true);
        final ColumnBuilder spanId = new ColumnBuilder("span_id", FIXED_8, ANY_NON_NULL, true);
        final ColumnBuilder traceId = new ColumnBuilder("trace_id", FIXED_16, ANY_NON_NULL, true);
        long nextId;

        Exemplars(OtapTable table, OtapTable attrsTable) {
            this.table = table;
            this.attrs = new Attrs(attrsTable, UINT32);
        }

        void add(long parent, List<Exemplar> exemplars) {
            for (Exemplar exemplar : exemplars) {
                long idValue = nextId++;
                attrs.add(idValue, exemplar.getFilteredAttributesList());
                id.add(idValue);
                parentId.add(parent);
                time.add(exemplar.getTimeUnixNano());
                intValue.add(exemplar.getValueCase() == Exemplar.ValueCase.AS_INT ? exemplar.getAsInt() : null);
                doubleValue.add(exemplar.getValueCase() == Exemplar.ValueCase.AS_DOUBLE ? exemplar.getAsDouble() : null);
                spanId.add(fixed(exemplar.getSpanId(), 8, "exemplar span_id"));
                traceId.add(fixed(exemplar.getTraceId(), 16, "exemplar trace_id"));
            }
        }

        void finishInto(OtlpEncoder encoder) {
            List<Column> out = new ArrayList<>();
            ColumnBuilder.finishInto(out, id, parentId, time, intValue, doubleValue, spanId, traceId);
            encoder.put(table, out, parentId.size());
            attrs.finishInto(encoder);
        }
    }

    /** Columns every data-point table starts with. */
    private static final class PointBase {
        final ColumnBuilder id = new ColumnBuilder("id", UINT32, ALWAYS, false);
        final ColumnBuilder parentId = new ColumnBuilder("parent_id", UINT16, ALWAYS, false);
        final ColumnBuilder start = new ColumnBuilder("start_time_unix_nano", TIMESTAMP_NS, ALWAYS, false);
        final ColumnBuilder time = new ColumnBuilder("time_unix_nano", TIMESTAMP_NS, ALWAYS, false);
        final ColumnBuilder flags = new ColumnBuilder("flags", UINT32, ANY_NON_DEFAULT, true);
        long nextId;

        long add(long metricId, long startTime, long timeValue, int flagsValue) {
            long pointId = nextId++;
            id.add(pointId);
            parentId.add(metricId);
            start.add(startTime);
            time.add(timeValue);
            flags.add(Integer.toUnsignedLong(flagsValue));
            return pointId;
        }
    }

    static Map<OtapTable, TableBatch> metrics(MetricsData data) {
        OtlpEncoder encoder = new OtlpEncoder();
        Attrs resourceAttrs = new Attrs(OtapTable.RESOURCE_ATTRS, UINT16);
        Attrs scopeAttrs = new Attrs(OtapTable.SCOPE_ATTRS, UINT16);
        Attrs metricAttrs = new Attrs(OtapTable.METRIC_ATTRS, UINT16);
        ResourceScope resourceScope = new ResourceScope();
        ColumnBuilder id = new ColumnBuilder("id", UINT16, ANY_NON_NULL, true);
        ColumnBuilder metricType = new ColumnBuilder("metric_type", UINT8, ALWAYS, false);
        ColumnBuilder name = new ColumnBuilder("name", UTF8, ALWAYS, false);
        ColumnBuilder description = new ColumnBuilder("description", UTF8, ANY_NON_DEFAULT, true);
        ColumnBuilder unit = new ColumnBuilder("unit", UTF8, ANY_NON_DEFAULT, true);
        ColumnBuilder temporality = new ColumnBuilder("aggregation_temporality", INT32, ANY_NON_NULL, true);
        ColumnBuilder monotonic = new ColumnBuilder("is_monotonic", BOOL, ANY_NON_DEFAULT, true);

        PointBase number = new PointBase();
        Attrs numberAttrs = new Attrs(OtapTable.NUMBER_DP_ATTRS, UINT32);
        Exemplars numberExemplars = new Exemplars(OtapTable.NUMBER_DP_EXEMPLARS, OtapTable.NUMBER_DP_EXEMPLAR_ATTRS);
        ColumnBuilder intValue = new ColumnBuilder("int_value", INT64, ANY_NON_NULL, true);
        ColumnBuilder doubleValue = new ColumnBuilder("double_value", FLOAT64, ANY_NON_NULL, true);

        PointBase summary = new PointBase();
        Attrs summaryAttrs = new Attrs(OtapTable.SUMMARY_DP_ATTRS, UINT32);
        ColumnBuilder summaryCount = new ColumnBuilder("count", UINT64, ALWAYS, false);
        ColumnBuilder summarySum = new ColumnBuilder("sum", FLOAT64, ALWAYS, false);
        ArrowField quantileItem = ArrowField.struct("item", true, ArrowField.of("quantile", FLOAT64, true),
                ArrowField.of("value", FLOAT64, true));
        ColumnBuilder quantiles = new ColumnBuilder(ArrowField.list("quantile", true, quantileItem), ANY_NON_DEFAULT);

        PointBase histogram = new PointBase();
        Attrs histogramAttrs = new Attrs(OtapTable.HISTOGRAM_DP_ATTRS, UINT32);
        Exemplars histogramExemplars = new Exemplars(OtapTable.HISTOGRAM_DP_EXEMPLARS, OtapTable.HISTOGRAM_DP_EXEMPLAR_ATTRS);
        ColumnBuilder histogramCount = new ColumnBuilder("count", UINT64, ALWAYS, false);
        ColumnBuilder histogramSum = new ColumnBuilder("sum", FLOAT64, ANY_NON_NULL, true);
        ColumnBuilder bucketCounts = new ColumnBuilder(u64List("bucket_counts"), ANY_NON_DEFAULT);
        ColumnBuilder explicitBounds = new ColumnBuilder(
                ArrowField.list("explicit_bounds", true, ArrowField.of("item", FLOAT64, true)), ANY_NON_DEFAULT);
        ColumnBuilder histogramMin = new ColumnBuilder("min", FLOAT64, ANY_NON_NULL, true);
        ColumnBuilder histogramMax = new ColumnBuilder("max", FLOAT64, ANY_NON_NULL, true);

        PointBase exp = new PointBase();
        Attrs expAttrs = new Attrs(OtapTable.EXP_HISTOGRAM_DP_ATTRS, UINT32);
        Exemplars expExemplars = new Exemplars(OtapTable.EXP_HISTOGRAM_DP_EXEMPLARS, OtapTable.EXP_HISTOGRAM_DP_EXEMPLAR_ATTRS);
        ColumnBuilder expCount = new ColumnBuilder("count", UINT64, ALWAYS, false);
        ColumnBuilder expSum = new ColumnBuilder("sum", FLOAT64, ANY_NON_NULL, true);
        ColumnBuilder scale = new ColumnBuilder("scale", INT32, ALWAYS, false);
        ColumnBuilder zeroCount = new ColumnBuilder("zero_count", UINT64, ALWAYS, false);
        ColumnBuilder positiveOffset = new ColumnBuilder("offset", INT32, ALWAYS, true);
        ColumnBuilder positiveCounts = new ColumnBuilder(u64List("bucket_counts"), ALWAYS);
        ColumnBuilder negativeOffset = new ColumnBuilder("offset", INT32, ALWAYS, true);
        ColumnBuilder negativeCounts = new ColumnBuilder(u64List("bucket_counts"), ALWAYS);
        ColumnBuilder expMin = new ColumnBuilder("min", FLOAT64, ANY_NON_NULL, true);
        ColumnBuilder expMax = new ColumnBuilder("max", FLOAT64, ANY_NON_NULL, true);
        ColumnBuilder zeroThreshold = new ColumnBuilder("zero_threshold", FLOAT64, ANY_NON_DEFAULT, true);

        int resourceIndex = 0;
        int scopeIndex = 0;
        int nextMetricId = 0;
        for (ResourceMetrics resourceMetrics : data.getResourceMetricsList()) {
            int rid = resourceIndex++;
            resourceAttrs.add(rid, resourceMetrics.getResource().getAttributesList());
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                int sid = scopeIndex++;
                scopeAttrs.add(sid, scopeMetrics.getScope().getAttributesList());
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    resourceScope.add(rid, resourceMetrics.getSchemaUrl(), resourceMetrics.getResource(), sid,
                            scopeMetrics.hasScope() ? scopeMetrics.getScope() : null, scopeMetrics.getSchemaUrl());
                    long metricId = u16(nextMetricId++, "metrics");
                    id.add(metricId);
                    metricAttrs.add(metricId, metric.getMetadataList());
                    name.add(metric.getName());
                    description.add(metric.getDescription());
                    unit.add(metric.getUnit());
                    switch (metric.getDataCase()) {
                        case GAUGE -> {
                            metricType.add(1L);
                            temporality.add(null);
                            monotonic.add(null);
                            for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
                                addNumber(point, metricId, number, numberAttrs, numberExemplars, intValue, doubleValue);
                            }
                        }
                        case SUM -> {
                            metricType.add(2L);
                            temporality.add((long) metric.getSum().getAggregationTemporalityValue());
                            monotonic.add(metric.getSum().getIsMonotonic());
                            for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                                addNumber(point, metricId, number, numberAttrs, numberExemplars, intValue, doubleValue);
                            }
                        }
                        case HISTOGRAM -> {
                            metricType.add(3L);
                            temporality.add((long) metric.getHistogram().getAggregationTemporalityValue());
                            monotonic.add(null);
                            for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                                long pointId = histogram.add(metricId, point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                                        point.getFlags());
                                histogramAttrs.add(pointId, point.getAttributesList());
                                histogramExemplars.add(pointId, point.getExemplarsList());
                                histogramCount.add(point.getCount());
                                histogramSum.add(point.hasSum() ? point.getSum() : null);
                                bucketCounts.add(List.copyOf(point.getBucketCountsList()));
                                explicitBounds.add(List.copyOf(point.getExplicitBoundsList()));
                                histogramMin.add(point.hasMin() ? point.getMin() : null);
                                histogramMax.add(point.hasMax() ? point.getMax() : null);
                            }
                        }
                        case EXPONENTIAL_HISTOGRAM -> {
                            metricType.add(4L);
                            temporality.add((long) metric.getExponentialHistogram().getAggregationTemporalityValue());
                            monotonic.add(null);
                            for (ExponentialHistogramDataPoint point : metric.getExponentialHistogram().getDataPointsList()) {
                                long pointId = exp.add(metricId, point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                                        point.getFlags());
                                expAttrs.add(pointId, point.getAttributesList());
                                expExemplars.add(pointId, point.getExemplarsList());
                                expCount.add(point.getCount());
                                expSum.add(point.hasSum() ? point.getSum() : null);
                                scale.add((long) point.getScale());
                                zeroCount.add(point.getZeroCount());
                                positiveOffset.add((long) point.getPositive().getOffset());
                                positiveCounts.add(List.copyOf(point.getPositive().getBucketCountsList()));
                                negativeOffset.add((long) point.getNegative().getOffset());
                                negativeCounts.add(List.copyOf(point.getNegative().getBucketCountsList()));
                                expMin.add(point.hasMin() ? point.getMin() : null);
                                expMax.add(point.hasMax() ? point.getMax() : null);
                                zeroThreshold.add(point.getZeroThreshold());
                            }
                        }
                        case SUMMARY -> {
                            metricType.add(5L);
                            temporality.add(null);
                            monotonic.add(null);
                            for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
                                long pointId = summary.add(metricId, point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                                        point.getFlags());
                                summaryAttrs.add(pointId, point.getAttributesList());
                                summaryCount.add(point.getCount());
                                summarySum.add(point.getSum());
                                List<Object> items = new ArrayList<>();
                                for (SummaryDataPoint.ValueAtQuantile q : point.getQuantileValuesList()) {
                                    items.add(new Object[] {q.getQuantile(), q.getValue()});
                                }
                                quantiles.add(items);
                            }
                        }
                        case DATA_NOT_SET -> throw new IllegalArgumentException("metric " + metric.getName()
                                + " has no data: the exporter writes metric_type 0 (empty), which the generator does not cover");
                    }
                }
            }
        }
        if (metricType.size() == 0) return Map.of();
        List<Column> metrics = new ArrayList<>();
        ColumnBuilder.finishInto(metrics, id);
        resourceScope.finishInto(metrics, metricType.size());
        ColumnBuilder.finishInto(metrics, metricType, name, description, unit, temporality, monotonic);
        encoder.put(OtapTable.UNIVARIATE_METRICS, metrics, metricType.size());
        metricAttrs.finishInto(encoder);

        List<Column> numbers = new ArrayList<>();
        ColumnBuilder.finishInto(numbers, number.id, number.parentId, number.start, number.time, intValue, doubleValue,
                number.flags);
        encoder.put(OtapTable.NUMBER_DATA_POINTS, numbers, number.id.size());
        numberAttrs.finishInto(encoder);
        numberExemplars.finishInto(encoder);

        List<Column> summaries = new ArrayList<>();
        ColumnBuilder.finishInto(summaries, summary.id, summary.parentId, summary.start, summary.time, summaryCount,
                summarySum, quantiles, summary.flags);
        encoder.put(OtapTable.SUMMARY_DATA_POINTS, summaries, summary.id.size());
        summaryAttrs.finishInto(encoder);

        List<Column> histograms = new ArrayList<>();
        ColumnBuilder.finishInto(histograms, histogram.id, histogram.parentId, histogram.start, histogram.time,
                histogramCount, histogramSum, bucketCounts, explicitBounds, histogram.flags, histogramMin, histogramMax);
        encoder.put(OtapTable.HISTOGRAM_DATA_POINTS, histograms, histogram.id.size());
        histogramAttrs.finishInto(encoder);
        histogramExemplars.finishInto(encoder);

        List<Column> exps = new ArrayList<>();
        ColumnBuilder.finishInto(exps, exp.id, exp.parentId, exp.start, exp.time, expCount, expSum, scale, zeroCount);
        int expRows = exp.id.size();
        exps.add(ColumnBuilder.struct("positive", true, expRows, positiveOffset, positiveCounts));
        exps.add(ColumnBuilder.struct("negative", true, expRows, negativeOffset, negativeCounts));
        ColumnBuilder.finishInto(exps, exp.flags, expMin, expMax, zeroThreshold);
        encoder.put(OtapTable.EXP_HISTOGRAM_DATA_POINTS, exps, expRows);
        expAttrs.finishInto(encoder);
        expExemplars.finishInto(encoder);

        resourceAttrs.finishInto(encoder);
        scopeAttrs.finishInto(encoder);
        return encoder.batches();
    }

    private static ArrowField u64List(String name) {
        return ArrowField.list(name, true, ArrowField.of("item", UINT64, true));
    }

    private static void addNumber(NumberDataPoint point, long metricId, PointBase number, Attrs attrs, Exemplars exemplars,
                                  ColumnBuilder intValue, ColumnBuilder doubleValue) {
        long pointId = number.add(metricId, point.getStartTimeUnixNano(), point.getTimeUnixNano(), point.getFlags());
        attrs.add(pointId, point.getAttributesList());
        exemplars.add(pointId, point.getExemplarsList());
        intValue.add(point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : null);
        doubleValue.add(point.getValueCase() == NumberDataPoint.ValueCase.AS_DOUBLE ? point.getAsDouble() : null);
    }
}
