package io.pqflux.bench.server;

import java.time.Duration;

/**
 * How much load {@link TempoServerLoad} puts on the server: {@code clients} at once for a warm-up and then
 * {@code seconds} measured, over a generated tenant of {@code blocks} blocks, and never more than {@code maxRequests}
 * requests in all.
 */
record LoadSettings(int clients, int seconds, int blocks, int warmupSeconds, long maxRequests) {

    static final String USAGE = "TempoServerLoad [clients (50)] [seconds (60)] [blocks (200)] [warm-up seconds (30)]"
            + " [max requests (200000)]";

    LoadSettings {
        if (clients < 1 || seconds < 1 || blocks < 1 || warmupSeconds < 0 || maxRequests < 1) {
            throw new IllegalArgumentException("clients, seconds, blocks and max requests must be at least 1, the warm-up"
                    + " at least 0: " + USAGE);
        }
    }

    /** The positional arguments of {@link #USAGE}, each defaulted when absent. */
    static LoadSettings parse(String... args) {
        if (args.length > 5) throw new IllegalArgumentException("too many arguments: " + USAGE);
        try {
            return new LoadSettings(arg(args, 0, 50), arg(args, 1, 60), arg(args, 2, 200), arg(args, 3, 30),
                    args.length > 4 ? Long.parseLong(args[4]) : 200_000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + ": " + USAGE, e);
        }
    }

    Duration warmup() {
        return Duration.ofSeconds(warmupSeconds);
    }

    Duration measured() {
        return Duration.ofSeconds(seconds);
    }

    private static int arg(String[] args, int index, int absent) {
        return args.length > index ? Integer.parseInt(args[index]) : absent;
    }
}
