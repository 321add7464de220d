package io.pqflux.internal.plan;

/**
 * How the byte ranges of a row group's column chunks are merged into reads: object storage charges per request
 * and answers each with a delay, so a few larger reads beat many small ones, even when they fetch bytes no
 * column needs.
 *
 * @param maxGap      ranges at most this far apart merge, the bytes between them read and dropped
 * @param maxReadSize a merged read grows no further than this; a single larger range is still read in one piece
 * @param maxGapShare the gaps of a merged read stay within this share of the bytes it is read for
 */
public record CoalescingOptions(long maxGap, long maxReadSize, double maxGapShare) {

    /**
     * For reads made one after the other (a synchronous {@code InputFile}), where every request adds its latency:
     * 1 MiB gaps, 8 MiB reads, gaps unbounded in share (measured: docs/object-storage.md).
     */
    public static final CoalescingOptions DEFAULT = new CoalescingOptions(1L << 20, 8L << 20, Double.POSITIVE_INFINITY);

    /**
     * For reads fetched concurrently (a staged read's ranges): a separate request no longer adds its latency to the
     * others', while the gaps still cost transfer and memory, so gaps merge only while they stay within 10% of the
     * bytes needed: fetched bytes stay within 1.1 times the needed ones.
     */
    public static final CoalescingOptions CONCURRENT = new CoalescingOptions(1L << 20, 8L << 20, 0.1);

    public CoalescingOptions {
        if (maxGap < 0 || maxReadSize < 0 || !(maxGapShare >= 0)) {
            throw new IllegalArgumentException("negative gap " + maxGap + ", read size " + maxReadSize + " or gap share "
                    + maxGapShare);
        }
    }
}
