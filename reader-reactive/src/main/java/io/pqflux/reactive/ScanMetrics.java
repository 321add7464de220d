package io.pqflux.reactive;

import io.pqflux.reader.ReadMetrics;

/**
 * What one subscription's scan did: the reader's metrics (row groups and pages skipped and read, bytes of the needed
 * ranges, rows), and for an object in object storage the requests behind them.
 *
 * @param read         the reader's counters
 * @param requests     object storage requests sent (HEAD and GETs, retries included); 0 for local files
 * @param retries      of those, retries of a failed request
 * @param bytesFetched bytes received from object storage, the gaps merged reads fetch along included; 0 for local
 *                     files
 */
public record ScanMetrics(ReadMetrics read, long requests, long retries, long bytesFetched) {
}
