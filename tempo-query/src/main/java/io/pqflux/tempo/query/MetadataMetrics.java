package io.pqflux.tempo.query;

/**
 * What a tag-name or tag-value search looked at, as Tempo's {@code MetadataMetrics} reports it: bytes fetched from the
 * blocks' {@code data.parquet} (pages, dictionaries, indexes), the blocks searched (one job each) and their size.
 */
public record MetadataMetrics(long inspectedBytes, int totalJobs, int completedJobs, int totalBlocks, long totalBlockBytes) {
}
