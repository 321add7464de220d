package io.pqflux.reactive.s3;

/** Bytes {@code [offset, offset + length)} of an object. */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0 || length < 0 || offset + length < 0) {
            throw new IllegalArgumentException("invalid byte range: offset " + offset + ", length " + length);
        }
    }

    public long end() {
        return offset + length;
    }

    /** The HTTP form, {@code bytes=first-last} (inclusive); meaningless for an empty range. */
    public String httpRange() {
        return "bytes=" + offset + "-" + (end() - 1);
    }

    @Override
    public String toString() {
        return "[" + offset + ", " + end() + ")";
    }
}
