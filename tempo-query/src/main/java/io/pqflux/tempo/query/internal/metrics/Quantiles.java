package io.pqflux.tempo.query.internal.metrics;

/**
 * Tempo's quantile of power-of-two buckets ({@code Log2Quantile}, engine_metrics.go): the bucket holding the
 * {@code ceil(p·total)}-th value (at least the first); its upper bound when that value is the bucket's last, else an
 * exponential interpolation between the previous bucket's bound (half the bucket's own for the first bucket) and the
 * bucket's bound, by the share of the bucket's values needed.
 */
final class Quantiles {

    private Quantiles() {
    }

    /**
     * @param bounds bucket upper bounds, ascending
     * @param counts the buckets' counts (non-zero)
     */
    static double log2Quantile(double p, double[] bounds, long[] counts) {
        if (Double.isNaN(p) || p < 0 || p > 1 || bounds.length == 0) return 0;
        long total = 0;
        for (long c : counts) total += c;
        if (total == 0) return 0;
        long wanted = (long) Math.ceil(p * total);
        if (wanted == 0) wanted = 1;
        long seen = 0;
        int bucket = 0;
        for (int i = 0; i < bounds.length; i++) {
            bucket = i;
            if (seen + counts[i] > wanted) break;
            seen += counts[i];
            if (seen == wanted) return bounds[i];
        }
        double share = (double) (wanted - seen) / counts[bucket];
        double upper = log2(bounds[bucket]);
        double lower = bucket > 0 ? log2(bounds[bucket - 1]) : upper - 1;
        return Math.pow(2, lower + (upper - lower) * share);
    }

    /** Go's {@code math.Log2}: exact for powers of two (the bucket bounds), {@code frexp} otherwise. */
    static double log2(double v) {
        if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) return Math.log(v) / Math.log(2);
        int exp = Math.getExponent(v) + 1;            // v = frac · 2^exp, frac in [0.5, 1)
        double frac = v / Math.scalb(1.0, exp);
        if (frac == 0.5) return exp - 1;
        return Math.log(frac) * (1 / Math.log(2)) + exp;
    }
}
