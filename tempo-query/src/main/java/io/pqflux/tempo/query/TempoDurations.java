package io.pqflux.tempo.query;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Tempo's HTTP API takes them ({@code step}, {@code since}, {@code minDuration}): a Go duration
 * ({@code 1h30m}, {@code 250ms}, {@code 1.5s}, units {@code ns us µs ms s m h}) or plain seconds ({@code 15},
 * {@code 0.5}).
 */
public final class TempoDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    private TempoDurations() {
    }

    /**
     * The duration {@code text} names.
     *
     * @throws IllegalArgumentException for text that is neither (negative, empty, or past {@code Long.MAX_VALUE}
     *     nanoseconds)
     */
    public static Duration parse(String text) {
        if (SECONDS.matcher(text).matches()) return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1e9));
        Matcher part = PART.matcher(text);
        double nanos = 0;
        int at = 0;
        while (at < text.length()) {
            if (!part.find(at) || part.start() != at) throw notADuration(text);
            nanos += Double.parseDouble(part.group(1)) * unitNanos(part.group(2));
            at = part.end();
        }
        if (at == 0 || nanos >= Long.MAX_VALUE) throw notADuration(text);
        return Duration.ofNanos((long) nanos);
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: seconds (15) or a Go duration (30s, 5m, 1h30m)");
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
