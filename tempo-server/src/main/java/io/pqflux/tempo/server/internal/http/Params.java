package io.pqflux.tempo.server.internal.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.pqflux.tempo.query.TempoDurations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request's query parameters, read as Tempo reads them; a value that does not parse is a 400 naming the parameter
 * and the value.
 */
public final class Params {

    /** A unix time above this many seconds is read as nanoseconds (Tempo's metrics endpoints take both). */
    private static final long LARGEST_SECONDS = 1L << 35;
    private static final Instant LATEST_NANOS = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Params of(String uri) {
        try {
            return new Params(new QueryStringDecoder(uri).parameters());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed query string: " + e.getMessage());
        }
    }

    /** The parameter's value, null when absent or empty. */
    public String string(String name) {
        List<String> found = values.get(name);
        if (found == null || found.isEmpty() || found.getFirst().isEmpty()) return null;
        return found.getFirst();
    }

    /** A count from 0 to {@code max}, {@code otherwise} when absent. */
    public int count(String name, int otherwise, int max) {
        String text = string(name);
        if (text == null) return otherwise;
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid " + name + " '" + text + "': not a whole number");
        }
        if (value < 0 || value > max) {
            throw ApiException.badRequest("invalid " + name + " " + value + ": must be from 0 to " + max);
        }
        return (int) value;
    }

    /** A time in unix seconds (trace by ID, search and tags take seconds), null when absent. */
    public Instant unixSeconds(String name) {
        String text = string(name);
        if (text == null) return null;
        try {
            long seconds = Long.parseLong(text);
            if (seconds < 0) throw ApiException.badRequest("invalid " + name + " " + seconds + ": negative");
            return Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid " + name + " '" + text + "': expected unix seconds");
        }
    }

    /**
     * A time as the metrics endpoints take it: unix seconds (with a fraction), unix nanoseconds, or RFC 3339; null when
     * absent.
     */
    public Instant time(String name) {
        String text = string(name);
        if (text == null) return null;
        try {
            if (text.indexOf('.') >= 0 && text.indexOf('T') < 0) {
                double seconds = Double.parseDouble(text);
                if (!(seconds >= 0 && seconds < LARGEST_SECONDS)) throw new NumberFormatException();
                long whole = (long) seconds;
                return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
            }
            long value = Long.parseLong(text);
            if (value < 0) throw new NumberFormatException();
            return value < LARGEST_SECONDS ? Instant.ofEpochSecond(value) : Instant.ofEpochSecond(0, value);
        } catch (NumberFormatException notNumber) {
            Instant parsed;
            try {
                parsed = Instant.parse(text);
            } catch (DateTimeException notDate) {
                throw ApiException.badRequest("invalid " + name + " '" + text
                        + "': expected unix seconds, unix nanoseconds or an RFC 3339 time");
            }
            // the engine counts in unix nanoseconds, as the numeric forms are bounded to
            if (parsed.isBefore(Instant.EPOCH) || parsed.isAfter(LATEST_NANOS)) {
                throw ApiException.badRequest("invalid " + name + " '" + text + "': outside " + Instant.EPOCH + " to "
                        + LATEST_NANOS + ", the times unix nanoseconds hold");
            }
            return parsed;
        }
    }

    /** A duration as Go writes one ({@code 30s}, {@code 1m30s}, {@code 250ms}) or plain seconds; null when absent. */
    public Duration duration(String name) {
        String text = string(name);
        if (text == null) return null;
        try {
            return TempoDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid " + name + ": " + e.getMessage());
        }
    }
}
