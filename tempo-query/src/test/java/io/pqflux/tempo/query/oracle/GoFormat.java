package io.pqflux.tempo.query.oracle;

import java.math.BigDecimal;

/** Go's text forms that show in Tempo's results: {@code time.Duration.String()} and {@code strconv.FormatFloat(f, 'g', -1, 64)}. */
final class GoFormat {

    private GoFormat() {
    }

    /** Go's {@code Duration.String()}: {@code 0s}, {@code 1.5s}, {@code 100ms}, {@code 1h0m0s}, {@code 2µs}, {@code -3ns}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // magnitude as unsigned (Long.MIN_VALUE stays representable)
        long u = negative ? -nanos : nanos;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            // sub-second: one unit with a fraction
            String unit;
            long div;
            if (u < 1_000L) {
                return (negative ? "-" : "") + u + "ns";
            } else if (u < 1_000_000L) {
                unit = "µs";
                div = 1_000L;
            } else {
                unit = "ms";
                div = 1_000_000L;
            }
            out.append(fraction(u, div)).append(unit);
        } else {
            long seconds = Long.divideUnsigned(u, 1_000_000_000L);
            long frac = Long.remainderUnsigned(u, 1_000_000_000L);
            long hours = seconds / 3600;
            long minutes = seconds / 60 % 60;
            long secs = seconds % 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(secs);
            if (frac != 0) {
                String f = String.format("%09d", frac).replaceAll("0+$", "");
                out.append('.').append(f);
            }
            out.append('s');
        }
        return (negative ? "-" : "") + out;
    }

    private static String fraction(long value, long div) {
        long whole = value / div;
        long frac = value % div;
        if (frac == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(div).length() - 1;
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }

    /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)}: shortest digits, exponent form below 1e-4 and from 1e6 on. */
    static String floatG(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
        String sign = f < 0 ? "-" : "";
        // Go: %e when the exponent is < -4 or >= 6 (strconv's precision for the shortest form)
        if (exp < -4 || exp >= 6) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exp));
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return sign + d.toPlainString();
    }
}
