package io.pqflux.tempo;

import java.util.Optional;

/**
 * The outcome of looking a trace ID up in one block, with what it cost.
 *
 * @param trace         the trace, empty when the block does not hold it
 * @param bloomPositive whether the bloom shard said the ID may be in the block (false: data.parquet was not read)
 * @param bloomBytes    bytes of the bloom shard read (0 when it came from the cache)
 * @param requests      read requests made to data.parquet (footer, page indexes, pages)
 * @param bytesRead     bytes read from data.parquet
 */
public record TraceLookup(Optional<Trace> trace, boolean bloomPositive, long bloomBytes, long requests, long bytesRead) {
}
