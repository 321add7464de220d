package io.pqflux.flink.internal.source;

import org.apache.flink.api.connector.source.SourceSplit;

/** A split that knows about how many bytes reading it takes: what the enumerator balances readers by. */
public interface SizedSplit extends SourceSplit {

    long bytes();
}
