package io.pqflux.traceql.internal;

import java.util.List;

/**
 * Duration literals as Tempo reads them: first as a Prometheus duration (integer parts, units {@code y w d h m s ms}
 * from the largest down, each at most once, {@code 1y} = 365 days), else as a Go duration (decimal parts such as
 * {@code 1.5s}, units {@code ns us µs μs ms s m h} in any order). Values are nanoseconds.
 */
final class DurationLiterals {

    private record Unit(String name, long nanos) {
    }

    private static final long SECOND = 1_000_000_000L;
    private static final List<Unit> PROMETHEUS_UNITS = List.of(
        new Unit("y", 365 * 24 * 3600 * SECOND), new Unit("w", 7 * 24 * 3600 * SECOND),
        new Unit("d", 24 * 3600 * SECOND), new Unit("h", 3600 * SECOND), new Unit("m", 60 * SECOND),
        new Unit("s", SECOND), new Unit("ms", 1_000_000L));
    /** Largest first, so that {@link #format} picks the largest unit that divides the value. */
    private static final List<Unit> GO_UNITS = List.of(
        new Unit("h", 3600 * SECOND), new Unit("m", 60 * SECOND), new Unit("s", SECOND), new Unit("ms", 1_000_000L),
        new Unit("us", 1_000L), new Unit("µs", 1_000L), new Unit("μs", 1_000L), new Unit("ns", 1L));

    private DurationLiterals() {
    }

    /** The duration {@code text} spells, or null if it spells none (or one beyond ±292 years). */
    static Long parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.equals("0")) {
            return 0L;
        }
        Long prometheus = parsePrometheus(text);
        return prometheus != null ? prometheus : parseGo(text);
    }

    /** Canonical text: the value in the largest unit that divides it, e.g. {@code 90m}, {@code 1500ms}. */
    static String format(long nanos) {
        if (nanos < 0) {
            return "-" + format(-nanos);
        }
        if (nanos == 0) {
            return "0s";
        }
        Unit unit = GO_UNITS.stream().filter(u -> nanos % u.nanos == 0).findFirst().orElseThrow();
        return nanos / unit.nanos + unit.name;
    }

    private static Long parsePrometheus(String text) {
        long total = 0;
        int lastUnit = -1;
        int i = 0;
        while (i < text.length()) {
            int digits = i;
            while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < text.length() && !isAsciiDigit(text.charAt(i))) {
                i++;
            }
            if (digits == unitStart || unitStart == i) {
                return null;
            }
            int unit = indexOf(PROMETHEUS_UNITS, text.substring(unitStart, i));
            if (unit <= lastUnit) {
                return null;
            }
            lastUnit = unit;
            try {
                total = Math.addExact(total,
                    Math.multiplyExact(Long.parseLong(text, digits, unitStart, 10), PROMETHEUS_UNITS.get(unit).nanos));
            } catch (ArithmeticException | NumberFormatException overflow) {
                return null;
            }
        }
        return total;
    }

    private static Long parseGo(String text) {
        long total = 0;
        int i = 0;
        while (i < text.length()) {
            int digits = i;
            long whole = 0;
            try {
                for (; i < text.length() && isAsciiDigit(text.charAt(i)); i++) {
                    whole = Math.addExact(Math.multiplyExact(whole, 10), text.charAt(i) - '0');
                }
            } catch (ArithmeticException overflow) {
                return null;
            }
            boolean hasWhole = i > digits;
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                for (; i < text.length() && isAsciiDigit(text.charAt(i)); i++) {
                    hasFraction = true;
                    // as Go: digits past what a long holds are dropped, not an error
                    if (fraction <= (Long.MAX_VALUE - 9) / 10) {
                        fraction = fraction * 10 + (text.charAt(i) - '0');
                        scale *= 10;
                    }
                }
            }
            int unitStart = i;
            while (i < text.length() && text.charAt(i) != '.' && !isAsciiDigit(text.charAt(i))) {
                i++;
            }
            int unit = indexOf(GO_UNITS, text.substring(unitStart, i));
            if (!hasWhole && !hasFraction || unit < 0) {
                return null;
            }
            long unitNanos = GO_UNITS.get(unit).nanos;
            if (whole > Long.MAX_VALUE / unitNanos) {
                return null;
            }
            long part = whole * unitNanos + (long) (fraction * (unitNanos / scale));
            if (part < 0) {
                return null;
            }
            total += part;
            if (total < 0) {
                return null;
            }
        }
        return total;
    }

    private static int indexOf(List<Unit> units, String name) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
