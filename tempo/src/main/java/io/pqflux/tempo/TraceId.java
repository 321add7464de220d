package io.pqflux.tempo;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A trace ID as Tempo stores it: 16 bytes, shorter IDs left-padded with zeros. Rows of a block are sorted by these
 * bytes compared unsigned, so this class orders the same way; lookups and bloom shards use exactly these bytes.
 */
public final class TraceId implements Comparable<TraceId> {

    /** The stored length; OTLP trace IDs are 16 bytes, and Tempo pads shorter ones (e.g. 64-bit Jaeger IDs). */
    public static final int LENGTH = 16;
    private static final HexFormat HEX = HexFormat.of();
    /** Bad input is echoed in errors, but not without limit. */
    private static final int MAX_ECHOED_CHARS = 64;

    private final byte[] bytes;

    private TraceId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses a hex trace ID with Tempo's rules for {@code /api/traces/<id>}: 1 to 32 hex digits in any case, an odd
     * count read as if it had a leading {@code 0}, left-padded to 16 bytes. {@code 474be8b43449fb} therefore names
     * the same trace as {@code 000000000000000000474be8b43449fb}.
     *
     * @throws TempoException {@link TempoException.Reason#BAD_TRACE_ID} for an empty string, a non-hex character or
     *                        more than 16 bytes
     */
    public static TraceId parseHex(String hex) {
        if (hex == null || hex.isEmpty()) throw bad(hex, "is empty");
        for (int i = 0; i < hex.length(); i++) {
            if (!HexFormat.isHexDigit(hex.charAt(i))) throw bad(hex, "has a non-hex character at position " + (i + 1));
        }
        String even = (hex.length() & 1) == 1 ? "0" + hex : hex;
        if (even.length() > 2 * LENGTH) throw bad(hex, "is longer than 16 bytes");
        return new TraceId(leftPad(HEX.parseHex(even)));
    }

    /**
     * A trace ID from raw bytes with the rule Tempo's writer applies to ingested IDs: shorter than 16 bytes are
     * left-padded with zeros, longer ones keep their last 16 bytes. So an ID looked up as a client sent it finds the
     * row the writer stored.
     *
     * @throws TempoException {@link TempoException.Reason#BAD_TRACE_ID} for an empty array
     */
    public static TraceId of(byte[] raw) {
        if (raw.length == 0) throw bad("", "is empty");
        return new TraceId(raw.length > LENGTH
                ? Arrays.copyOfRange(raw, raw.length - LENGTH, raw.length)
                : leftPad(raw));
    }

    /** A copy of the 16 stored bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** 32 lowercase hex digits, leading zeros kept (unlike the informational {@code TraceIDText} column). */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }

    /** Unsigned byte-wise, the order of the rows in a block. */
    @Override
    public int compareTo(TraceId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    private static byte[] leftPad(byte[] id) {
        byte[] padded = new byte[LENGTH];
        System.arraycopy(id, 0, padded, LENGTH - id.length, id.length);
        return padded;
    }

    private static TempoException bad(String input, String problem) {
        String echoed = input == null ? "null"
                : '"' + (input.length() > MAX_ECHOED_CHARS ? input.substring(0, MAX_ECHOED_CHARS) + "..." : input) + '"';
        return new TempoException(TempoException.Reason.BAD_TRACE_ID, "trace ID " + echoed, "the trace ID " + problem);
    }
}
