package io.pqflux.tempo.internal.bloom;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Parsed bloom shards of a tenant's blocks, least recently used dropped first, bounded by the shards' bytes: every
 * FindTraceByID reads one shard per candidate block, so repeated lookups (and absent IDs above all) would otherwise
 * read and parse the same 100 KiB–1 MiB files again and again, as Tempo avoids with its bloom cache. Keyed by the
 * shard's location; blocks are immutable once written.
 */
public final class BloomShardCache {

    private final long maxBytes;
    private final Map<String, TraceIdBloomFilter> shards = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public BloomShardCache(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("negative cache size " + maxBytes);
        this.maxBytes = maxBytes;
    }

    /**
     * A shard and what reading it cost this lookup.
     *
     * @param bytesRead the shard file's size when this lookup read it, 0 when the cache held it
     */
    public record Shard(TraceIdBloomFilter filter, long bytesRead) {
        public Shard {
            Objects.requireNonNull(filter, "filter");
        }
    }

    /**
     * The shard at {@code location}: the cache's, or on a miss read by {@code read} (empty when the shard is missing)
     * and parsed where the read completes; empty when it is missing. Nothing blocks; two lookups missing at once both
     * read, and the second result wins.
     */
    public Mono<Shard> shard(String location, Mono<byte[]> read) {
        return Mono.defer(() -> {
            synchronized (this) {
                TraceIdBloomFilter cached = shards.get(location);
                if (cached != null) {
                    hits++;
                    return Mono.just(new Shard(cached, 0));
                }
                misses++;
            }
            return read.map(file -> new Shard(cache(location, TraceIdBloomFilter.parse(file, location)), file.length));
        });
    }

    private synchronized TraceIdBloomFilter cache(String location, TraceIdBloomFilter loaded) {
        TraceIdBloomFilter previous = shards.put(location, loaded);
        if (previous != null) bytes -= previous.sizeBytes();
        bytes += loaded.sizeBytes();
        for (Iterator<TraceIdBloomFilter> oldest = shards.values().iterator(); bytes > maxBytes && oldest.hasNext(); ) {
            bytes -= oldest.next().sizeBytes();
            oldest.remove();
        }
        return loaded;
    }

    /** Lookups served from the cache and lookups that loaded a shard, since creation. */
    public synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }
}
