package io.pqflux.internal.plan;

/** Bytes {@code [start, end)} of a file. */
public record ByteRange(long start, long end) {

    public long length() {
        return end - start;
    }
}
