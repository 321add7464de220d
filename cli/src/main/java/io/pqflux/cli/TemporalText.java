package io.pqflux.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * ISO-8601 text for dates, times and timestamps with a fixed number of fraction digits. Years outside
 * 0000..9999 use the expanded form ({@code +10000}, {@code -0001}) so that no value is ambiguous.
 */
final class TemporalText {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};

    private TemporalText() {
    }

    static String date(LocalDate date) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, date);
        return sb.toString();
    }

    /** {@code HH:MM:SS}, then a dot and exactly {@code fractionDigits} digits unless that is 0. */
    static String time(LocalTime time, int fractionDigits) {
        StringBuilder sb = new StringBuilder(18);
        appendTime(sb, time, fractionDigits);
        return sb.toString();
    }

    /**
     * A TIME value outside a day, as the signed time since midnight it is: {@code -} for negative values, then
     * hours (at least two digits, as many as needed past 99), minutes, seconds and exactly {@code fractionDigits}
     * digits of its magnitude: {@code -03:51:39.000}, {@code 25:02:03.004}, {@code -00:00:00.001}.
     */
    static String time(Duration time, int fractionDigits) {
        StringBuilder sb = new StringBuilder(24);
        if (time.isNegative()) sb.append('-');
        Duration magnitude = time.abs();
        appendPadded(sb, magnitude.toHours(), 2);
        appendPadded(sb.append(':'), magnitude.toMinutesPart(), 2);
        appendPadded(sb.append(':'), magnitude.toSecondsPart(), 2);
        if (fractionDigits > 0) {
            appendPadded(sb.append('.'), magnitude.toNanosPart() / POWERS_OF_TEN[9 - fractionDigits], fractionDigits);
        }
        return sb.toString();
    }

    /** Date and time joined by {@code T}, with a trailing {@code Z} when the value is an instant in UTC. */
    static String timestamp(LocalDateTime timestamp, int fractionDigits, boolean utc) {
        StringBuilder sb = new StringBuilder(30);
        appendDate(sb, timestamp.toLocalDate());
        sb.append('T');
        appendTime(sb, timestamp.toLocalTime(), fractionDigits);
        if (utc) sb.append('Z');
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, LocalDate date) {
        int year = date.getYear();
        if (year > 9999) sb.append('+').append(year);
        else if (year < 0) appendPadded(sb.append('-'), -year, 4);
        else appendPadded(sb, year, 4);
        appendPadded(sb.append('-'), date.getMonthValue(), 2);
        appendPadded(sb.append('-'), date.getDayOfMonth(), 2);
    }

    private static void appendTime(StringBuilder sb, LocalTime time, int fractionDigits) {
        appendPadded(sb, time.getHour(), 2);
        appendPadded(sb.append(':'), time.getMinute(), 2);
        appendPadded(sb.append(':'), time.getSecond(), 2);
        if (fractionDigits > 0) {
            appendPadded(sb.append('.'), time.getNano() / POWERS_OF_TEN[9 - fractionDigits], fractionDigits);
        }
    }

    private static void appendPadded(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        sb.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }
}
