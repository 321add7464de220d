package io.pqflux.tempo.query.internal.search;

import java.math.BigDecimal;

/**
 * Go's text forms that Tempo's results and attribute names show: {@code time.Duration.String()} and
 * {@code strconv.FormatFloat(f, 'g', -1, 64)}.
 */
final class GoText {

    private GoText() {
    }

    /** {@code 0s}, {@code 1.5s}, {@code 100ms}, {@code 1h0m0s}, {@code 2µs}, {@code -3ns}. */
    static String duration(long nanos) {
        if (nanos == 0) return "0s";
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos); // Long.MIN_VALUE stays negative: read as unsigned below
        if (Long.compareUnsigned(u, 1_000L) < 0) return sign + u + "ns";
        if (Long.compareUnsigned(u, 1_000_000L) < 0) return sign + fraction(u, 1_000L, 3) + "µs";
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) return sign + fraction(u, 1_000_000L, 6) + "ms";
        long seconds = Long.divideUnsigned(u, 1_000_000_000L);
        long rest = Long.remainderUnsigned(u, 1_000_000_000L);
        StringBuilder text = new StringBuilder(sign);
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        if (hours > 0) text.append(hours).append('h');
        if (hours > 0 || minutes > 0) text.append(minutes).append('m');
        text.append(seconds % 60);
        if (rest != 0) text.append('.').append(trimZeros(String.format("%09d", rest)));
        return text.append('s').toString();
    }

    private static String fraction(long value, long unit, int digits) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) return Long.toString(whole);
        return whole + "." + trimZeros(String.format("%0" + digits + "d", rest));
    }

    private static String trimZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') end--;
        return digits.substring(0, end);
    }

    /** Shortest digits; the exponent form below 1e-4 and from 1e6 on (Go's %g with the shortest precision). */
    static String floatG(double f) {
        if (Double.isNaN(f)) return "NaN";
        if (Double.isInfinite(f)) return f > 0 ? "+Inf" : "-Inf";
        if (f == 0) return 1 / f < 0 ? "-0" : "0";
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = f < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return sign + d.toPlainString();
    }

    /** A float as Tempo prints a float static: {@link #floatG} with ".0" when it would read as an integer. */
    static String floatStatic(double f) {
        String text = floatG(f);
        return text.contains("e") || text.contains(".") || text.contains("Inf") || text.contains("NaN") ? text : text + ".0";
    }
}
