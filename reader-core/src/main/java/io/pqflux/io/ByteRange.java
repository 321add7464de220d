package io.pqflux.io;

/** Bytes {@code [offset, offset + length)} of a file or object. */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0 || length < 0 || offset + length < 0) {
            throw new IllegalArgumentException("invalid byte range: offset " + offset + ", length " + length);
        }
    }

    public long end() {
        return offset + length;
    }

    @Override
    public String toString() {
        return "[" + offset + ", " + end() + ")";
    }
}
