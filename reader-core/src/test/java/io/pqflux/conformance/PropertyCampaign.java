package io.pqflux.conformance;

import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Which random files the property test reads. By default (CI): a fixed list of seeds plus one derived from
 * the clock, logged so a failure can be replayed. System properties (passed through by Maven's -D):
 * <ul>
 *   <li>{@code pqflux.property.seed=7,42}: replay exactly these seeds;</li>
 *   <li>{@code pqflux.property.count=N} (with optional {@code pqflux.property.start=S}): a campaign of N
 *       consecutive seeds from S, or from a clock-derived start that is logged;</li>
 *   <li>{@code pqflux.property.maxDepth=D}: nesting depth bound (default 4; replays need the same value).</li>
 * </ul>
 */
final class PropertyCampaign {

    static final String SEED = "pqflux.property.seed";
    static final String COUNT = "pqflux.property.count";
    static final String START = "pqflux.property.start";
    static final String MAX_DEPTH = "pqflux.property.maxDepth";

    private PropertyCampaign() {
    }

    static int maxDepth() {
        return Integer.getInteger(MAX_DEPTH, 4);
    }

    /** By default seeds 1..{@code fixedSeeds} and one derived from the clock. */
    static Stream<Long> seeds(String test, int fixedSeeds) {
        String listed = System.getProperty(SEED);
        if (listed != null && !listed.isBlank()) {
            return Arrays.stream(listed.split(",")).map(String::trim).map(Long::parseLong);
        }
        Integer count = Integer.getInteger(COUNT);
        if (count != null) {
            long start = Long.getLong(START, clockSeed());
            log(test + ": campaign of " + count + " seeds from " + start + " (max depth " + maxDepth() + ")");
            return LongStream.range(start, start + count).boxed();
        }
        long clock = clockSeed();
        log(test + ": clock-derived seed " + clock + " (replay: " + replay(clock) + ")");
        return Stream.concat(LongStream.rangeClosed(1, fixedSeeds).boxed(), Stream.of(clock));
    }

    /** The system properties that replay one seed under the current settings. */
    static String replay(long seed) {
        String depth = maxDepth() == 4 ? "" : " -D" + MAX_DEPTH + "=" + maxDepth();
        return "-D" + SEED + "=" + seed + depth;
    }

    private static long clockSeed() {
        return System.currentTimeMillis();
    }

    static void log(String line) {
        System.out.println("[pqflux property] " + line);
    }
}
