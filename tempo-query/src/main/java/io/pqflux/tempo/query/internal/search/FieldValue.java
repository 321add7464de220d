package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.pqflux.traceql.internal.SpanKind;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.Status;
import java.util.List;
import java.util.Objects;

/**
 * A value as Tempo's engine types it (its {@code Static}): nil, the scalars, typed arrays (how vParquet4 keeps
 * homogeneous array attributes searchable), durations, statuses and kinds. Statuses and kinds carry Tempo's numbers
 * (status error 0, ok 1, unset 2; kind unspecified 0, internal 1, client 2, server 3, producer 4, consumer 5), which
 * order them in {@code min}/{@code max}. Records compare by type and value, which is how {@code by()} groups.
 */
sealed interface FieldValue {

    /** Tempo's {@code StaticType} order, which {@code min} and {@code max} use across types. */
    enum Type {
        NIL, INT, FLOAT, STRING, BOOLEAN, INT_ARRAY, FLOAT_ARRAY, STRING_ARRAY, BOOLEAN_ARRAY, DURATION, STATUS, KIND;

        boolean isNumeric() {
            return this == INT || this == FLOAT || this == DURATION;
        }

        boolean isArray() {
            return this == INT_ARRAY || this == FLOAT_ARRAY || this == STRING_ARRAY || this == BOOLEAN_ARRAY;
        }

        /** An array type's element type; a scalar type itself. */
        Type element() {
            return switch (this) {
                case INT_ARRAY -> INT;
                case FLOAT_ARRAY -> FLOAT;
                case STRING_ARRAY -> STRING;
                case BOOLEAN_ARRAY -> BOOLEAN;
                default -> this;
            };
        }
    }

    FieldValue NIL = new Nil();

    Type type();

    default boolean isNil() {
        return this instanceof Nil;
    }

    record Nil() implements FieldValue {
        public Type type() {
            return Type.NIL;
        }
    }

    record IntValue(long value) implements FieldValue {
        public Type type() {
            return Type.INT;
        }
    }

    record FloatValue(double value) implements FieldValue {
        public Type type() {
            return Type.FLOAT;
        }
    }

    record StringValue(String value) implements FieldValue {
        public StringValue {
            Objects.requireNonNull(value);
        }

        public Type type() {
            return Type.STRING;
        }
    }

    record BoolValue(boolean value) implements FieldValue {
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record DurationValue(long nanos) implements FieldValue {
        public Type type() {
            return Type.DURATION;
        }
    }

    /** @param code Tempo's number: error 0, ok 1, unset 2; other OTLP codes keep theirs */
    record StatusValue(long code) implements FieldValue {
        public Type type() {
            return Type.STATUS;
        }
    }

    /** @param code Tempo's number: unspecified 0, internal 1, client 2, server 3, producer 4, consumer 5 */
    record KindValue(long code) implements FieldValue {
        public Type type() {
            return Type.KIND;
        }
    }

    /** @param elements of one scalar type, at least two (one element reads as that scalar) */
    record ArrayValue(Type type, List<FieldValue> elements) implements FieldValue {
        public ArrayValue {
            elements = List.copyOf(elements);
        }
    }

    FieldValue TRUE = new BoolValue(true);
    FieldValue FALSE = new BoolValue(false);

    static FieldValue bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** The elements of an array, or this value alone. */
    default List<FieldValue> elements() {
        return this instanceof ArrayValue array ? array.elements() : List.of(this);
    }

    /** Tempo's {@code Float()}: ints and durations (nanoseconds) widen, anything else is NaN. */
    default double asFloat() {
        return switch (this) {
            case FloatValue f -> f.value();
            case IntValue i -> i.value();
            case DurationValue d -> d.nanos();
            default -> Double.NaN;
        };
    }

    /** A query literal. */
    static FieldValue of(StaticValue literal) {
        return switch (literal) {
            case StaticValue.StringValue s -> new StringValue(s.value());
            case StaticValue.IntValue i -> new IntValue(i.value());
            case StaticValue.FloatValue f -> new FloatValue(f.value());
            case StaticValue.BooleanValue b -> bool(b.value());
            case StaticValue.DurationValue d -> new DurationValue(d.nanos());
            case StaticValue.StatusValue s -> new StatusValue(switch (s.value()) {
                case ERROR -> 0;
                case OK -> 1;
                case UNSET -> 2;
            });
            case StaticValue.KindValue k -> new KindValue(kindCode(k.value()));
        };
    }

    private static long kindCode(SpanKind kind) {
        return switch (kind) {
            case UNSPECIFIED -> 0;
            case INTERNAL -> 1;
            case CLIENT -> 2;
            case SERVER -> 3;
            case PRODUCER -> 4;
            case CONSUMER -> 5;
        };
    }

    /** Tempo's error, ok and unset, made once: a status is read for every span a condition on it tests. */
    StatusValue STATUS_ERROR = new StatusValue(0);
    StatusValue STATUS_OK = new StatusValue(1);
    StatusValue STATUS_UNSET = new StatusValue(2);

    /** An OTLP status code (0 unset, 1 ok, 2 error) in Tempo's numbering. */
    static StatusValue status(int otlpCode) {
        return switch (otlpCode) {
            case 0 -> STATUS_UNSET;
            case 1 -> STATUS_OK;
            case 2 -> STATUS_ERROR;
            default -> new StatusValue(otlpCode);
        };
    }

    /** An OTLP span kind (server 2, client 3) in Tempo's numbering (client 2, server 3). */
    static KindValue kind(int otlpKind) {
        return new KindValue(switch (otlpKind) {
            case 2 -> 3;
            case 3 -> 2;
            default -> otlpKind;
        });
    }

    /** The status keyword for Tempo's number ({@code status(7)} for others, as Tempo prints them). */
    static String statusWord(long code) {
        return switch ((int) code) {
            case 0 -> Status.ERROR.keyword();
            case 1 -> Status.OK.keyword();
            case 2 -> Status.UNSET.keyword();
            default -> "status(" + code + ")";
        };
    }

    static String kindWord(long code) {
        return switch ((int) code) {
            case 0 -> SpanKind.UNSPECIFIED.keyword();
            case 1 -> SpanKind.INTERNAL.keyword();
            case 2 -> SpanKind.CLIENT.keyword();
            case 3 -> SpanKind.SERVER.keyword();
            case 4 -> SpanKind.PRODUCER.keyword();
            case 5 -> SpanKind.CONSUMER.keyword();
            default -> "kind(" + code + ")";
        };
    }

    /**
     * An attribute as vParquet4 keeps it searchable: strings, ints, doubles, booleans; an array whose elements all have
     * the first one's scalar type (one element reads as that scalar, more as an array); anything else (empty or mixed
     * arrays, kvlists, bytes, no value) is nil.
     */
    static FieldValue of(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> new StringValue(value.getStringValue());
            case INT_VALUE -> new IntValue(value.getIntValue());
            case DOUBLE_VALUE -> new FloatValue(value.getDoubleValue());
            case BOOL_VALUE -> bool(value.getBoolValue());
            case ARRAY_VALUE -> array(value.getArrayValue().getValuesList());
            default -> NIL;
        };
    }

    private static FieldValue array(List<AnyValue> values) {
        if (values.isEmpty()) return NIL;
        AnyValue.ValueCase first = values.getFirst().getValueCase();
        Type type = switch (first) {
            case STRING_VALUE -> Type.STRING_ARRAY;
            case INT_VALUE -> Type.INT_ARRAY;
            case DOUBLE_VALUE -> Type.FLOAT_ARRAY;
            case BOOL_VALUE -> Type.BOOLEAN_ARRAY;
            default -> null;
        };
        if (type == null) return NIL;
        for (AnyValue v : values) {
            if (v.getValueCase() != first) return NIL;
        }
        if (values.size() == 1) return of(values.getFirst());
        // a loop, not a stream: arrays are read for every span compare() groups
        FieldValue[] elements = new FieldValue[values.size()];
        for (int i = 0; i < elements.length; i++) elements[i] = of(values.get(i));
        return new ArrayValue(type, List.of(elements));
    }
}
