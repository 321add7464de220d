package io.pqflux.tempo.server.internal.http;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Go's {@code time.ParseDuration} reads them ({@code 1h30m}, {@code 250ms}, {@code 1.5s}), or plain seconds. */
final class GoDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    private GoDurations() {
    }

    /** The duration, or null when the text is not one (or is negative, or overflows). */
    static Duration parse(String text) {
        if (SECONDS.matcher(text).matches()) {
            return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1e9));
        }
        Matcher part = PART.matcher(text);
        double nanos = 0;
        int at = 0;
        while (at < text.length()) {
            if (!part.find(at) || part.start() != at) return null;
            nanos += Double.parseDouble(part.group(1)) * unitNanos(part.group(2));
            at = part.end();
        }
        if (at == 0 || nanos >= Long.MAX_VALUE) return null;
        return Duration.ofNanos((long) nanos);
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }
}
