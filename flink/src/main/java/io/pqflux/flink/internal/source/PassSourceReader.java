package io.pqflux.flink.internal.source;

import io.pqflux.flink.SizedSplit;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * The reader of every pqflux source: one fetcher thread draining the splits' passes ({@link FluxSplitReader}); on the
 * mailbox thread each element becomes its record and moves its split's position, which is what a checkpoint stores.
 * Asks the enumerator for as many splits as it runs at once, and for one more whenever one ends.
 */
final class PassSourceReader<E, T, S extends SizedSplit> extends SingleThreadMultiplexSourceReaderBase<E, T, S, SplitHolder<S>> {

    private final int concurrentSplits;

    PassSourceReader(SourceReaderContext context, Supplier<SplitReader<E, S>> fetchers, SplitProgress<E, T, S> progress,
                     int concurrentSplits) {
        super(fetchers, (element, output, holder) -> {
            output.collect(progress.record(element));
            holder.split = progress.after(holder.split, element);
        }, context.getConfiguration(), context);
        this.concurrentSplits = concurrentSplits;
    }

    @Override
    public void start() {
        super.start();
        for (int i = getNumberOfCurrentlyAssignedSplits(); i < concurrentSplits; i++) context.sendSplitRequest();
    }

    @Override
    protected void onSplitFinished(Map<String, SplitHolder<S>> finished) {
        for (int i = 0; i < finished.size(); i++) context.sendSplitRequest();
    }

    @Override
    protected SplitHolder<S> initializedState(S split) {
        return new SplitHolder<>(split);
    }

    @Override
    protected S toSplitType(String splitId, SplitHolder<S> state) {
        return state.split;
    }
}
