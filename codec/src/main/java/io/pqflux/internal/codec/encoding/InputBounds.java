package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;

/** The checks every decoder makes before touching encoded bytes, so none can read past its limit. */
final class InputBounds {

    private InputBounds() {}

    /**
     * Fails unless {@code needed} bytes exist between {@code offset} and {@code limit}. A negative
     * {@code needed} (a size computed from hostile header fields) fails too, rather than passing as "fits".
     */
    static void require(String what, long offset, long limit, long needed) {
        if (!fits(offset, limit, needed)) throw missing(what, offset, limit, needed);
    }

    /**
     * Whether {@code needed} bytes exist between {@code offset} and {@code limit}, for a check whose message is built
     * only when it fails ({@link #missing}): a message concatenated before every miniblock or value was most of what
     * decoding allocated.
     */
    static boolean fits(long offset, long limit, long needed) {
        return needed >= 0 && needed <= limit - offset;
    }

    /** The error of a failed {@link #fits}. */
    static CorruptFileException missing(String what, long offset, long limit, long needed) {
        return new CorruptFileException(what + " needs " + needed + " bytes at offset " + offset
                + " but only " + (limit - offset) + " remain");
    }

    /** Value counts come from page headers, which a hostile file controls. */
    static void requireCount(String what, int count) {
        if (count < 0) throw new CorruptFileException(what + ": negative value count " + count);
    }

    /** Caller bugs, not file contents: the range to decode must lie within the segment. */
    static void checkRange(long segmentSize, long offset, long limit) {
        if (offset < 0 || offset > limit || limit > segmentSize) {
            throw new IllegalArgumentException("range [" + offset + ", " + limit + ") outside segment of "
                    + segmentSize + " bytes");
        }
    }
}
