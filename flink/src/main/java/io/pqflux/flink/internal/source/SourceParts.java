package io.pqflux.flink.internal.source;

import io.pqflux.flink.SizedSplit;
import io.pqflux.flink.SplitBacklog;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * What makes a pqflux source, which each public source delegates its {@code Source} methods to: how splits are
 * planned, read and moved on, serialized, rediscovered (continuous) and how many a reader runs at once.
 *
 * @param discovery        null for a bounded source, else how often it plans again
 * @param concurrentSplits splits one reader reads at once
 * @param prefetch         elements requested ahead per running split
 */
public record SourceParts<E, T, S extends SizedSplit>(SplitPlanner<S> planner, SplitReading.Factory<E, S> reading,
                                                      SplitProgress<E, T, S> progress, DataSerializer<S> splits,
                                                      Duration discovery, int concurrentSplits, int prefetch) implements Serializable {

    public SourceParts {
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(splits, "splits");
        if (concurrentSplits < 1 || prefetch < 1) throw new IllegalArgumentException("reader concurrency must be at least 1");
    }

    public Boundedness boundedness() {
        return discovery == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    public SourceReader<T, S> reader(SourceReaderContext context) {
        ScanCounters counters = new ScanCounters(context.metricGroup());
        return new PassSourceReader<>(context, () -> new FluxSplitReader<>(reading.open(counters), progress, concurrentSplits, prefetch),
                progress, concurrentSplits);
    }

    /** @param restored the enumerator's checkpoint, or null for a new job */
    public SplitEnumerator<S, SplitBacklog<S>> enumerator(SplitEnumeratorContext<S> context, SplitBacklog<S> restored) {
        return new PlannedSplitEnumerator<>(context, planner, discovery,
                restored != null ? restored : new SplitBacklog<>(List.of(), Set.of(), false));
    }

    public SplitBacklogSerializer<S> backlogSerializer() {
        return new SplitBacklogSerializer<>(splits);
    }
}
