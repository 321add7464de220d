package io.pqflux.flink.internal.source;

import io.pqflux.flink.SplitBacklog;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** The reader and enumerator every pqflux source is made of; a source supplies its planner, reading and progress. */
public final class PassSources {

    private PassSources() {
    }

    /**
     * @param concurrentSplits splits read at once by one reader
     * @param prefetch         elements requested ahead per running split
     */
    public static <E, T, S extends SizedSplit> SourceReader<T, S> reader(SourceReaderContext context, SplitReading.Factory<E, S> reading,
                                                                       SplitProgress<E, T, S> progress, int concurrentSplits, int prefetch) {
        return new PassSourceReader<>(context, () -> new FluxSplitReader<>(reading.open(), progress, concurrentSplits, prefetch),
                progress, concurrentSplits);
    }

    /** @param discovery null for a bounded source, else how often a continuous source plans again */
    public static <S extends SizedSplit> SplitEnumerator<S, SplitBacklog<S>> enumerator(SplitEnumeratorContext<S> context,
                                                                                      SplitPlanner<S> planner, Duration discovery,
                                                                                      SplitBacklog<S> restored) {
        return new PlannedSplitEnumerator<>(context, planner, discovery,
                restored != null ? restored : new SplitBacklog<>(List.of(), Set.of(), false));
    }
}
