package io.pqflux.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * OTLP messages as one-line JSON, walked from their protobuf descriptors. Two dialects: the OTLP specification's JSON
 * encoding ({@link Dialect#OTLP}: lowerCamelCase keys, trace and span IDs as hex, enums as integers, 64-bit integers as
 * decimal strings, other bytes as base64) and gogo jsonpb ({@link Dialect#JSONPB}, what Grafana Tempo's HTTP API
 * answers: every {@code bytes} field as base64, enums as names). Both omit fields at their default value, keep message
 * fields that are set even when empty ({@code "status":{}}), and order keys as the proto declares them.
 */
public final class OtlpJson {

    /** How bytes and enums are written. */
    public enum Dialect {
        /** The OTLP specification's JSON: hex trace and span IDs, enums as integers. */
        OTLP,
        /** gogo jsonpb: every bytes field as base64, enums as names. */
        JSONPB
    }

    private static final JsonFactory JSON = new JsonFactory();
    /** The fields OTLP/JSON writes as hex (trace and span IDs of spans, links, log records and exemplars). */
    private static final Set<String> ID_FIELDS = Set.of(
            "opentelemetry.proto.trace.v1.Span.trace_id", "opentelemetry.proto.trace.v1.Span.span_id",
            "opentelemetry.proto.trace.v1.Span.parent_span_id", "opentelemetry.proto.trace.v1.Span.Link.trace_id",
            "opentelemetry.proto.trace.v1.Span.Link.span_id",
            "opentelemetry.proto.logs.v1.LogRecord.trace_id", "opentelemetry.proto.logs.v1.LogRecord.span_id",
            "opentelemetry.proto.metrics.v1.Exemplar.trace_id", "opentelemetry.proto.metrics.v1.Exemplar.span_id");

    private OtlpJson() {
    }

    /**
     * One OTLP/JSON object on one line: {@code {"resourceLogs":[…]}} for a {@code LogsData}, {@code
     * {"resourceSpans":[…]}} for a {@code TracesData}, {@code {"resourceMetrics":[…]}} for a {@code MetricsData}.
     */
    public static String write(Message message) {
        return write(message, Dialect.OTLP);
    }

    /** One JSON object on one line in {@code dialect}. */
    public static String write(MessageOrBuilder message, Dialect dialect) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dialect, "dialect");
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            object(generator, message, dialect);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    private static void object(JsonGenerator g, MessageOrBuilder message, Dialect dialect) throws IOException {
        g.writeStartObject();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                if (count == 0) continue;
                g.writeArrayFieldStart(field.getJsonName());
                for (int i = 0; i < count; i++) value(g, field, message.getRepeatedField(field, i), dialect);
                g.writeEndArray();
            } else if (message.hasField(field)) {
                g.writeFieldName(field.getJsonName());
                value(g, field, message.getField(field), dialect);
            }
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, FieldDescriptor field, Object value, Dialect dialect) throws IOException {
        switch (field.getType()) {
            case MESSAGE, GROUP -> object(g, (MessageOrBuilder) value, dialect);
            case ENUM -> {
                EnumValueDescriptor e = (EnumValueDescriptor) value;
                if (dialect == Dialect.OTLP) g.writeNumber(e.getNumber());
                else g.writeString(e.getName());
            }
            case BYTES -> {
                byte[] bytes = ((ByteString) value).toByteArray();
                g.writeString(dialect == Dialect.OTLP && ID_FIELDS.contains(field.getFullName())
                        ? HexFormat.of().formatHex(bytes) : Base64.getEncoder().encodeToString(bytes));
            }
            case STRING -> g.writeString((String) value);
            case BOOL -> g.writeBoolean((Boolean) value);
            case INT32, SINT32, SFIXED32 -> g.writeNumber((Integer) value);
            case UINT32, FIXED32 -> g.writeNumber(Integer.toUnsignedLong((Integer) value));
            case INT64, SINT64, SFIXED64 -> g.writeString(Long.toString((Long) value));
            case UINT64, FIXED64 -> g.writeString(Long.toUnsignedString((Long) value));
            case FLOAT -> number(g, (Float) value);
            case DOUBLE -> number(g, (Double) value);
        }
    }

    /** Proto3 JSON: finite numbers as numbers, the others as the strings "NaN", "Infinity", "-Infinity". */
    private static void number(JsonGenerator g, double value) throws IOException {
        if (Double.isFinite(value)) g.writeNumber(value);
        else g.writeString(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
