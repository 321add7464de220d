package io.pqflux.storage;

/**
 * When several requested ranges are fetched with one GET: ranges at most {@code maxGapBytes} apart are merged
 * while the merged request stays within {@code maxMergedBytes} (a single larger range is still one request). The
 * gap bytes are fetched and thrown away, so the gap trades bandwidth for requests; the cap keeps one slow
 * request from holding up much data and keeps several requests in flight for a large read.
 */
public record RangeCoalescing(long maxGapBytes, long maxMergedBytes) {

    public RangeCoalescing {
        if (maxGapBytes < 0) throw new IllegalArgumentException("maxGapBytes must not be negative: " + maxGapBytes);
        if (maxMergedBytes < 1) throw new IllegalArgumentException("maxMergedBytes must be positive: " + maxMergedBytes);
    }

    /**
     * 1 MiB gap (about what one connection transfers in a first-byte latency), 8 MiB merged (AWS's suggested
     * range size for parallel GETs; bounds a storage's in-flight bodies to 8 MiB per connection): measured in
     * docs/object-storage.md.
     */
    public static RangeCoalescing defaults() {
        return new RangeCoalescing(1 << 20, 8 << 20);
    }

    /** Every range its own request. */
    public static RangeCoalescing none() {
        return new RangeCoalescing(0, 1);
    }
}
