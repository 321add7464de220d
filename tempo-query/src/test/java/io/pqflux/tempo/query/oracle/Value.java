package io.pqflux.tempo.query.oracle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A value as Tempo's engine sees it (its {@code Static}): typed, with Tempo's numbering of statuses (error 0, ok 1,
 * unset 2) and kinds (unspecified 0, internal 1, client 2, server 3, producer 4, consumer 5). The {@link Type}
 * constants are in the order of Tempo's {@code StaticType}, which {@link #compare} uses across types.
 */
sealed interface Value {

    /** Tempo's {@code StaticType} order (its {@code TypeSpanset} and {@code TypeAttribute} sit between NIL and INT). */
    enum Type {
        NIL, INT, FLOAT, STRING, BOOLEAN, INT_ARRAY, FLOAT_ARRAY, STRING_ARRAY, BOOLEAN_ARRAY, DURATION, STATUS, KIND;

        boolean isNumeric() {
            return this == INT || this == FLOAT || this == DURATION;
        }

        boolean isArray() {
            return this == INT_ARRAY || this == FLOAT_ARRAY || this == STRING_ARRAY || this == BOOLEAN_ARRAY;
        }

        /** The element type of an array type, itself otherwise. */
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

    Value NIL = new Nil();
    Value TRUE = new Bool(true);
    Value FALSE = new Bool(false);

    Type type();

    record Nil() implements Value {
        public Type type() {
            return Type.NIL;
        }
    }

    record Int(long value) implements Value {
        public Type type() {
            return Type.INT;
        }
    }

    record Flt(double value) implements Value {
        public Type type() {
            return Type.FLOAT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Flt f && Double.doubleToRawLongBits(f.value) == Double.doubleToRawLongBits(value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(Double.doubleToRawLongBits(value));
        }
    }

    record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value);
        }

        public Type type() {
            return Type.STRING;
        }
    }

    record Bool(boolean value) implements Value {
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record Dur(long nanos) implements Value {
        public Type type() {
            return Type.DURATION;
        }
    }

    /** A status in Tempo's numbering: 0 error, 1 ok, 2 unset; other OTLP codes keep their number. */
    record Stat(long code) implements Value {
        static final long ERROR = 0, OK = 1, UNSET = 2;

        public Type type() {
            return Type.STATUS;
        }

        static Stat fromOtlp(int otlpCode) {
            return new Stat(switch (otlpCode) {
                case 0 -> UNSET;
                case 1 -> OK;
                case 2 -> ERROR;
                default -> otlpCode;
            });
        }

        String keyword() {
            return switch ((int) code) {
                case 0 -> "error";
                case 1 -> "ok";
                case 2 -> "unset";
                default -> "status(" + code + ")";
            };
        }
    }

    /** A span kind in Tempo's numbering: 0 unspecified, 1 internal, 2 client, 3 server, 4 producer, 5 consumer. */
    record Knd(long code) implements Value {
        public Type type() {
            return Type.KIND;
        }

        static Knd fromOtlp(int otlpKind) {
            return new Knd(switch (otlpKind) {
                case 2 -> 3; // SERVER
                case 3 -> 2; // CLIENT
                default -> otlpKind;
            });
        }

        String keyword() {
            return switch ((int) code) {
                case 0 -> "unspecified";
                case 1 -> "internal";
                case 2 -> "client";
                case 3 -> "server";
                case 4 -> "producer";
                case 5 -> "consumer";
                default -> "kind(" + code + ")";
            };
        }
    }

    record IntArr(List<Long> values) implements Value {
        public IntArr {
            values = List.copyOf(values);
        }

        public Type type() {
            return Type.INT_ARRAY;
        }
    }

    record FltArr(double[] values) implements Value {
        public FltArr {
            values = values.clone();
        }

        public Type type() {
            return Type.FLOAT_ARRAY;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof FltArr f) || f.values.length != values.length) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(f.values[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "FltArr" + Arrays.toString(values);
        }
    }

    record StrArr(List<String> values) implements Value {
        public StrArr {
            values = List.copyOf(values);
        }

        public Type type() {
            return Type.STRING_ARRAY;
        }
    }

    record BoolArr(List<Boolean> values) implements Value {
        public BoolArr {
            values = List.copyOf(values);
        }

        public Type type() {
            return Type.BOOLEAN_ARRAY;
        }
    }

    // ---- Tempo's Static methods ----

    default boolean isNil() {
        return type() == Type.NIL;
    }

    /** Tempo's {@code Float()}: ints and durations (nanoseconds) widen, anything else is NaN. */
    default double asFloat() {
        return switch (this) {
            case Flt f -> f.value();
            case Int i -> i.value();
            case Dur d -> d.nanos();
            default -> Double.NaN;
        };
    }

    /** Tempo's {@code Bool()}: the value if this is a boolean, else null. */
    default Boolean asBoolean() {
        return this instanceof Bool b ? b.value() : null;
    }

    /** Tempo's {@code valScalar} for the scalar types. */
    private long scalar() {
        return switch (this) {
            case Int i -> i.value();
            case Flt f -> Double.doubleToRawLongBits(f.value());
            case Bool b -> b.value() ? 1 : 0;
            case Dur d -> d.nanos();
            case Stat s -> s.code();
            case Knd k -> k.code();
            default -> 0;
        };
    }

    /** The elements of an array, or this value alone (Tempo's {@code Elements()}). */
    default List<Value> elements() {
        return switch (this) {
            case IntArr a -> a.values().stream().<Value>map(Int::new).toList();
            case FltArr a -> Arrays.stream(a.values()).<Value>mapToObj(Flt::new).toList();
            case StrArr a -> a.values().stream().<Value>map(Str::new).toList();
            case BoolArr a -> a.values().stream().<Value>map(Bool::new).toList();
            default -> List.of(this);
        };
    }

    /**
     * Tempo's {@code Equals}: nil equals nothing; ints and durations compare by value with each other and floats
     * numerically (an int also equals a status with that number); statuses equal statuses and ints; kinds and booleans
     * only their own type; strings and arrays by content and type.
     */
    default boolean tempoEquals(Value o) {
        if (isNil() || o.isNil()) {
            return false;
        }
        Type t = type();
        Type ot = o.type();
        switch (t) {
            case INT, DURATION -> {
                return switch (ot) {
                    case INT, DURATION -> scalar() == o.scalar();
                    case STATUS -> t == Type.INT && scalar() == o.scalar();
                    case FLOAT -> asFloat() == o.asFloat();
                    default -> false;
                };
            }
            case STATUS -> {
                return (ot == Type.INT || ot == Type.STATUS) && scalar() == o.scalar();
            }
            case FLOAT -> {
                return asFloat() == o.asFloat();
            }
            case KIND, BOOLEAN -> {
                return t == ot && scalar() == o.scalar();
            }
            default -> {
                return t == ot && equals(o);
            }
        }
    }

    /** Tempo's {@code NotEquals}: false when either side is nil, else not {@link #tempoEquals}. */
    default boolean tempoNotEquals(Value o) {
        return !isNil() && !o.isNil() && !tempoEquals(o);
    }

    /**
     * Tempo's {@code compare}, used by {@code min()} and {@code max()}: numbers of different types numerically, other
     * different types by their type's order; same types by value, except that two floats compare by their bit
     * patterns as signed 64-bit integers (so two negative floats compare the wrong way round, as in Tempo).
     */
    default int tempoCompare(Value o) {
        if (type() != o.type()) {
            if (type().isNumeric() && o.type().isNumeric()) {
                return goCompare(asFloat(), o.asFloat());
            }
            return Integer.compare(type().ordinal(), o.type().ordinal());
        }
        return switch (this) {
            case Str s -> compareUtf8(s.value(), ((Str) o).value());
            case BoolArr a -> {
                List<Boolean> b = ((BoolArr) o).values();
                for (int i = 0; i < Math.min(a.values().size(), b.size()); i++) {
                    int c = Boolean.compare(a.values().get(i), b.get(i));
                    if (c != 0) {
                        yield c;
                    }
                }
                yield Integer.compare(a.values().size(), b.size());
            }
            case IntArr a -> {
                List<Long> b = ((IntArr) o).values();
                for (int i = 0; i < Math.min(a.values().size(), b.size()); i++) {
                    int c = Long.compare(a.values().get(i), b.get(i));
                    if (c != 0) {
                        yield c;
                    }
                }
                yield Integer.compare(a.values().size(), b.size());
            }
            case FltArr a -> {
                double[] b = ((FltArr) o).values();
                for (int i = 0; i < Math.min(a.values().length, b.length); i++) {
                    int c = goCompare(a.values()[i], b[i]);
                    if (c != 0) {
                        yield c;
                    }
                }
                yield Integer.compare(a.values().length, b.length);
            }
            case StrArr a -> {
                List<String> b = ((StrArr) o).values();
                for (int i = 0; i < Math.min(a.values().size(), b.size()); i++) {
                    int c = compareUtf8(a.values().get(i), b.get(i));
                    if (c != 0) {
                        yield c;
                    }
                }
                yield Integer.compare(a.values().size(), b.size());
            }
            case Nil ignored -> 0;
            default -> Long.compare(scalar(), o.scalar());
        };
    }

    /** Go's {@code cmp.Compare} on floats: NaN below everything (and equal to NaN), -0 equal to +0. */
    static int goCompare(double a, double b) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return an && bn ? 0 : an ? -1 : 1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Go's string comparison: byte-wise over UTF-8. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Tempo's {@code MapKey}, which {@code by()} groups on: type and value, so an int and a float of the same number
     * (or a duration and an int) are different groups; all nils are one group.
     */
    default Object mapKey() {
        return switch (this) {
            case Nil ignored -> List.of(Type.NIL);
            case Str s -> List.of(Type.STRING, s.value());
            case IntArr a -> List.of(Type.INT_ARRAY, a.values());
            case FltArr a -> List.of(Type.FLOAT_ARRAY, Arrays.stream(a.values()).mapToObj(Double::doubleToRawLongBits).toList());
            case StrArr a -> List.of(Type.STRING_ARRAY, a.values());
            case BoolArr a -> List.of(Type.BOOLEAN_ARRAY, a.values());
            default -> List.of(type(), scalar());
        };
    }

    /** Tempo's {@code sumInto}: adds {@code o} when it has the same type (ints, durations, floats); else nothing. */
    default Value sumWith(Value o) {
        if (type() != o.type()) {
            return this;
        }
        return switch (this) {
            case Int i -> new Int(i.value() + ((Int) o).value());
            case Dur d -> new Dur(d.nanos() + ((Dur) o).nanos());
            case Flt f -> new Flt(f.value() + ((Flt) o).value());
            default -> this;
        };
    }

    /**
     * Tempo's {@code divideBy}: an int sum becomes a float (its 64 bits read as unsigned, as Tempo's
     * {@code float64(uint64)} does), a duration stays a duration (integer division by the count), a float divides;
     * other types are returned unchanged.
     */
    default Value divideBy(double f) {
        return switch (this) {
            case Int i -> new Flt(unsignedToDouble(i.value()) / f);
            case Dur d -> new Dur(d.nanos() / (long) f);
            case Flt fl -> new Flt(fl.value() / f);
            default -> this;
        };
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // round-to-nearest of the unsigned value, as Go's uint64 -> float64 conversion
        return new java.math.BigDecimal(Long.toUnsignedString(v)).doubleValue();
    }
}
