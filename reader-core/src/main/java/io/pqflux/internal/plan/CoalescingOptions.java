package io.pqflux.internal.plan;

/**
 * How the byte ranges of a row group's column chunks are merged into reads: object storage charges per request
 * and answers each with a delay, so a few larger reads beat many small ones, even when they fetch bytes no
 * column needs.
 *
 * @param maxGap      ranges at most this far apart merge, the bytes between them read and dropped
 * @param maxReadSize a merged read grows no further than this; a single larger range is still read in one piece
 */
public record CoalescingOptions(long maxGap, long maxReadSize) {

    /** 1 MiB gaps, 8 MiB reads. */
    public static final CoalescingOptions DEFAULT = new CoalescingOptions(1L << 20, 8L << 20);

    public CoalescingOptions {
        if (maxGap < 0 || maxReadSize < 0) {
            throw new IllegalArgumentException("negative gap " + maxGap + " or read size " + maxReadSize);
        }
    }
}
