package io.pqflux.testdata;

/**
 * How many cases a randomized or exhaustive test runs. CI runs the suite twice: once as is, with the full counts the
 * oracles are compared on, and once in pool debug mode ({@code -Dpqflux.pool.debug=true}), where every buffer is
 * allocated fresh, freed at its release and its allocation site recorded, which makes buffer-heavy tests five to eight
 * times slower. That second pass is there to catch a view kept past its owner's release, which the first cases show as
 * well as the last, so it runs a quarter of them. Tests that only compare answers with an oracle, over code paths
 * other tests release memory on as well, skip that pass altogether
 * ({@code @DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true")}).
 *
 * <p>{@code -Dpqflux.test.scale=F} multiplies every randomized count by {@code F}: the counts as written are what CI
 * affords on two cores; a longer campaign on a bigger machine runs, say, ten times as many
 * ({@code ./mvnw test -Dpqflux.test.scale=10}).
 */
public final class TestScale {

    /** The system property that switches pool debug mode on. */
    public static final String POOL_DEBUG_PROPERTY = "pqflux.pool.debug";

    /** The system property that multiplies randomized counts (default 1). */
    public static final String SCALE_PROPERTY = "pqflux.test.scale";

    private static final boolean POOL_DEBUG = Boolean.getBoolean(POOL_DEBUG_PROPERTY);
    private static final double SCALE = Double.parseDouble(System.getProperty(SCALE_PROPERTY, "1"));

    private TestScale() {
    }

    /** {@code full} times {@code pqflux.test.scale}, a quarter of that in pool debug mode; at least one. */
    public static int cases(int full) {
        return (int) Math.max(1, Math.round(full * SCALE * (POOL_DEBUG ? 0.25 : 1)));
    }

    /**
     * {@code full} times {@code pqflux.test.scale}, in pool debug mode too: for a test whose own checks need that many
     * cases (that every pruning level acted at least once, say); at least one.
     */
    public static int scaled(int full) {
        return (int) Math.max(1, Math.round(full * SCALE));
    }

    /** Whether the {@code i}-th of a fixed set of cases runs: every one, or every fourth in pool debug mode. */
    public static boolean runs(int i) {
        return !POOL_DEBUG || i % 4 == 0;
    }
}
