package io.pqflux.flink.internal.table;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.tempo.SpanWithContext;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The columns a {@code pqflux-tempo} table may declare, each with its type and how a span gives its value (in Flink's
 * internal form). IDs are lowercase hex, kinds and status codes the OTLP enum names ({@code SPAN_KIND_SERVER},
 * {@code STATUS_CODE_ERROR}), attribute values text (strings as they are, other scalars printed, bytes base64, arrays
 * and key-value lists as OTLP/JSON).
 */
public enum SpanColumn {
    TRACE_ID(LogicalTypeRoot.VARCHAR, false, span -> text(span.traceId().toHex())),
    SPAN_ID(LogicalTypeRoot.VARCHAR, false, span -> hex(span.span().getSpanId().toByteArray())),
    PARENT_SPAN_ID(LogicalTypeRoot.VARCHAR, false, span -> hex(span.span().getParentSpanId().toByteArray())),
    NAME(LogicalTypeRoot.VARCHAR, false, span -> text(span.span().getName())),
    KIND(LogicalTypeRoot.VARCHAR, false, span -> text(span.span().getKind().name())),
    START_TIME(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE, false, span -> time(span.span().getStartTimeUnixNano())),
    END_TIME(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE, false, span -> time(span.span().getEndTimeUnixNano())),
    DURATION_NANOS(LogicalTypeRoot.BIGINT, false, span -> span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano()),
    STATUS_CODE(LogicalTypeRoot.VARCHAR, false, span -> text(span.span().getStatus().getCode().name())),
    STATUS_MESSAGE(LogicalTypeRoot.VARCHAR, false, span -> text(span.span().getStatus().getMessage())),
    SERVICE_NAME(LogicalTypeRoot.VARCHAR, false, span -> serviceName(span.resource().getAttributesList())),
    SCOPE_NAME(LogicalTypeRoot.VARCHAR, false, span -> text(span.scope().getName())),
    SCOPE_VERSION(LogicalTypeRoot.VARCHAR, false, span -> text(span.scope().getVersion())),
    ATTRIBUTES(LogicalTypeRoot.MAP, true, span -> attributes(span.span().getAttributesList())),
    RESOURCE_ATTRIBUTES(LogicalTypeRoot.MAP, true, span -> attributes(span.resource().getAttributesList()));

    private static final HexFormat HEX = HexFormat.of();

    private final LogicalTypeRoot type;
    private final boolean attributes;
    private final Function<SpanWithContext, Object> value;

    SpanColumn(LogicalTypeRoot type, boolean attributes, Function<SpanWithContext, Object> value) {
        this.type = type;
        this.attributes = attributes;
        this.value = value;
    }

    /** The column's name in a table: the constant's name in lower case. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the column needs span or resource attributes read (the FULL preset; the others need SPANS only). */
    public boolean needsAttributes() {
        return attributes;
    }

    Object value(SpanWithContext span) {
        return value.apply(span);
    }

    /** The span columns of a table's schema, in its order; a column that is none of them, or mistyped, fails. */
    public static List<SpanColumn> of(RowType schema) {
        return schema.getFields().stream().map(field -> of(field.getName(), field.getType())).toList();
    }

    private static SpanColumn of(String name, LogicalType type) {
        SpanColumn column = Arrays.stream(values()).filter(c -> c.column().equals(name)).findFirst().orElseThrow(() ->
                new ValidationException("pqflux-tempo has no column '" + name + "'; its columns: " + describe()));
        boolean fits = type.getTypeRoot() == column.type || column.type == LogicalTypeRoot.VARCHAR && type.getTypeRoot() == LogicalTypeRoot.CHAR;
        if (fits && type instanceof MapType map) {
            fits = map.getKeyType().getTypeRoot() == LogicalTypeRoot.VARCHAR && map.getValueType().getTypeRoot() == LogicalTypeRoot.VARCHAR;
        }
        if (!fits) throw new ValidationException("pqflux-tempo column '" + name + "' is " + column.typeName() + ", not " + type);
        return column;
    }

    private String typeName() {
        return switch (type) {
            case VARCHAR -> "STRING";
            case BIGINT -> "BIGINT";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP_LTZ(9)";
            case MAP -> "MAP<STRING, STRING>";
            default -> type.name();
        };
    }

    private static String describe() {
        return Arrays.stream(values()).map(c -> c.column() + " " + c.typeName()).collect(Collectors.joining(", "));
    }

    private static StringData text(String value) {
        return StringData.fromString(value);
    }

    /** Hex of an ID; null for an empty one (a root span's parent). */
    private static StringData hex(byte[] id) {
        return id.length == 0 ? null : StringData.fromString(HEX.formatHex(id));
    }

    private static TimestampData time(long unixNanos) {
        return TimestampData.fromEpochMillis(Long.divideUnsigned(unixNanos, 1_000_000), (int) Long.remainderUnsigned(unixNanos, 1_000_000));
    }

    /**
     * The resource's {@code service.name} when it is a string, as Tempo's service-name column holds it (another kind
     * of value stays an attribute: it names no service, whichever preset read the span).
     */
    private static StringData serviceName(List<KeyValue> attributes) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals("service.name") && attribute.getValue().hasStringValue()) {
                return StringData.fromString(attribute.getValue().getStringValue());
            }
        }
        return null;
    }

    private static GenericMapData attributes(List<KeyValue> attributes) {
        Map<StringData, StringData> map = new HashMap<>();
        for (KeyValue attribute : attributes) map.put(StringData.fromString(attribute.getKey()), attributeText(attribute.getValue()));
        return new GenericMapData(map);
    }

    private static StringData attributeText(AnyValue value) {
        String text = switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> OtlpJson.write(value);
            case VALUE_NOT_SET -> null;
            // a value kind newer than this build's OTLP: its JSON form loses nothing
            default -> OtlpJson.write(value);
        };
        return text == null ? null : StringData.fromString(text);
    }
}
