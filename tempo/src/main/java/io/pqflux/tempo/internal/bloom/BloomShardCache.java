package io.pqflux.tempo.internal.bloom;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
     * The shard at {@code location}, read by {@code read} (which may block and return null when the shard is missing)
     * and parsed on a miss; null when it is missing. Reads run outside the lock; two lookups missing at once both read,
     * and the second result wins.
     */
    public Shard shard(String location, Supplier<byte[]> read) {
        synchronized (this) {
            TraceIdBloomFilter cached = shards.get(location);
            if (cached != null) {
                hits++;
                return new Shard(cached, 0);
            }
            misses++;
        }
        byte[] file = read.get();
        if (file == null) return null;
        TraceIdBloomFilter loaded = TraceIdBloomFilter.parse(file, location);
        synchronized (this) {
            TraceIdBloomFilter previous = shards.put(location, loaded);
            if (previous != null) bytes -= previous.sizeBytes();
            bytes += loaded.sizeBytes();
            for (Iterator<TraceIdBloomFilter> oldest = shards.values().iterator(); bytes > maxBytes && oldest.hasNext(); ) {
                bytes -= oldest.next().sizeBytes();
                oldest.remove();
            }
        }
        return new Shard(loaded, file.length);
    }

    /** Lookups served from the cache and lookups that loaded a shard, since creation. */
    public synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }
}
