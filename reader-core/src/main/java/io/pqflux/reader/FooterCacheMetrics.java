package io.pqflux.reader;

/**
 * What a {@link FooterCache} has done since it was made.
 *
 * @param hits      footers served from the cache
 * @param misses    footers read and parsed (whether then cached or not)
 * @param evictions footers dropped to stay within the bound
 * @param footers   footers held now
 * @param bytes     their serialized lengths, summed
 */
public record FooterCacheMetrics(long hits, long misses, long evictions, long footers, long bytes) {
}
