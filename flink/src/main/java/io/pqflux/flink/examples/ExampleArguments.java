package io.pqflux.flink.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An example's command line: positional arguments, then {@code --name value} options (and {@code --setting k=v}). */
final class ExampleArguments {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    /** Store settings ({@code ObjectStores.open}), from repeated {@code --setting key=value}. */
    final Map<String, String> settings = new LinkedHashMap<>();

    ExampleArguments(List<String> args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (flags.contains(name)) {
                options.put(name, "true");
            } else if (valued.contains(name) || name.equals("setting")) {
                if (i + 1 >= args.size()) throw new UsageException("--" + name + " needs a value");
                String value = args.get(++i);
                if (name.equals("setting")) {
                    int eq = value.indexOf('=');
                    if (eq < 1) throw new UsageException("--setting takes key=value, not '" + value + "'");
                    settings.put(value.substring(0, eq), value.substring(eq + 1));
                } else {
                    options.put(name, value);
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    String positional(int index, String what) {
        if (index >= positional.size()) throw new UsageException("missing " + what);
        return positional.get(index);
    }

    void noMorePositional(int count) {
        if (positional.size() > count) throw new UsageException("unexpected argument '" + positional.get(count) + "'");
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int positiveInt(String name, int fallback) {
        String value = options.get(name);
        if (value == null) return fallback;
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) throw new UsageException("--" + name + " must be at least 1, not " + value);
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a number, not '" + value + "'");
        }
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}). */
    Duration duration(String name, Duration fallback) {
        String value = options.get(name);
        if (value == null) return fallback;
        Matcher shorthand = SHORT_DURATION.matcher(value);
        if (shorthand.matches()) {
            long amount = Long.parseLong(shorthand.group(1));
            return switch (shorthand.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " takes a duration such as 500ms, 5s, 2m or PT5S, not '" + value + "'");
        }
    }

    Instant instant(String name) {
        String value = options.get(name);
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " takes an ISO-8601 instant such as 2026-11-24T10:00:00Z, not '" + value + "'");
        }
    }

    /** A wrong command line: reported with the usage, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
