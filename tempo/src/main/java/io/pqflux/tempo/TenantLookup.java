package io.pqflux.tempo;

import java.util.Optional;

/**
 * FindTraceByID over a tenant's blocks.
 *
 * @param trace               the trace combined from every block that holds part of it; empty when none does
 * @param blocksSearched      candidate blocks (after the time range)
 * @param blocksBloomPositive of those, blocks whose bloom shard said the ID may be there (the others read no data)
 * @param blocksFound         blocks that held part of the trace
 * @param requests            read requests to data.parquet files, summed over the blocks
 * @param bytesRead           bytes read from data.parquet files, summed
 * @param bloomBytes          bytes of bloom shards read, summed
 */
public record TenantLookup(Optional<Trace> trace, int blocksSearched, int blocksBloomPositive, int blocksFound,
                           long requests, long bytesRead, long bloomBytes) {
}
