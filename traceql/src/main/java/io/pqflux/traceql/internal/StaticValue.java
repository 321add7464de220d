package io.pqflux.traceql.internal;

import java.util.Objects;

/** A literal's value. Durations are nanoseconds; values parsed from field expressions are never negative. */
public sealed interface StaticValue {

    StaticType type();

    record StringValue(String value) implements StaticValue {
        public StringValue {
            Objects.requireNonNull(value);
        }

        @Override
        public StaticType type() {
            return StaticType.STRING;
        }
    }

    record IntValue(long value) implements StaticValue {
        @Override
        public StaticType type() {
            return StaticType.INT;
        }
    }

    /**
     * Finite as lexed (the lexer rejects literals that overflow); constant arithmetic in scalar contexts can make it
     * infinite or NaN ({@code 1.0 / 0}), as Go's floats.
     */
    record FloatValue(double value) implements StaticValue {
        @Override
        public StaticType type() {
            return StaticType.FLOAT;
        }
    }

    record BooleanValue(boolean value) implements StaticValue {
        @Override
        public StaticType type() {
            return StaticType.BOOLEAN;
        }
    }

    record DurationValue(long nanos) implements StaticValue {
        @Override
        public StaticType type() {
            return StaticType.DURATION;
        }
    }

    record StatusValue(Status value) implements StaticValue {
        public StatusValue {
            Objects.requireNonNull(value);
        }

        @Override
        public StaticType type() {
            return StaticType.STATUS;
        }
    }

    record KindValue(SpanKind value) implements StaticValue {
        public KindValue {
            Objects.requireNonNull(value);
        }

        @Override
        public StaticType type() {
            return StaticType.KIND;
        }
    }
}
