package io.pqflux.flink;

import org.apache.flink.api.connector.source.SourceSplit;

/** A split that knows about how many bytes reading it takes: what the enumerator balances readers by. */
public interface SizedSplit extends SourceSplit {

    long bytes();
}
