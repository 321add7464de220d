package io.pqflux.testdata;

/**
 * How many cases a randomized or exhaustive test runs. CI runs the suite twice: once as is, with the full counts the
 * oracles are compared on, and once in pool debug mode ({@code -Dpqflux.pool.debug=true}), where every buffer is
 * allocated fresh, freed at its release and its allocation site recorded, which makes buffer-heavy tests five to eight
 * times slower. That second pass is there to catch a view kept past its owner's release, which the first cases show as
 * well as the last, so it runs a quarter of them. Tests that only compare answers with an oracle, over code paths
 * other tests release memory on as well, skip that pass altogether
 * ({@code @DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true")}).
 */
public final class TestScale {

    /** The system property that switches pool debug mode on. */
    public static final String POOL_DEBUG_PROPERTY = "pqflux.pool.debug";

    private static final boolean POOL_DEBUG = Boolean.getBoolean(POOL_DEBUG_PROPERTY);

    private TestScale() {
    }

    /** {@code full}, or a quarter of it (at least one) in pool debug mode. */
    public static int cases(int full) {
        return POOL_DEBUG ? Math.max(1, full / 4) : full;
    }

    /** Whether the {@code i}-th of a fixed set of cases runs: every one, or every fourth in pool debug mode. */
    public static boolean runs(int i) {
        return !POOL_DEBUG || i % 4 == 0;
    }
}
