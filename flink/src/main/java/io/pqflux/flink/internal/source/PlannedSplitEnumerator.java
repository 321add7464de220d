package io.pqflux.flink.internal.source;

import io.pqflux.flink.SizedSplit;
import io.pqflux.flink.SplitBacklog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * Plans splits on the enumerator's worker thread and hands them out on the coordinator thread as they are planned
 * (readers start on the first files while the footers of the others are still being read). Bounded: one plan, splits
 * handed out largest first (of those planned so far) to whichever reader asks (a reader asks when it has room), so
 * fast readers take more and the tail is small splits; a reader that asks once the plan is done and nothing is left
 * is told there are no more splits. A checkpoint taken mid-plan holds what was planned; a restored enumerator plans
 * the rest. Continuous: planned again every discovery interval; new splits (continuous splits never end, so no reader
 * would ask for them) go at once to the reader holding the fewest bytes.
 */
final class PlannedSplitEnumerator<S extends SizedSplit> implements SplitEnumerator<S, SplitBacklog<S>> {

    private static final Comparator<SizedSplit> LARGEST_FIRST =
            Comparator.comparingLong(SizedSplit::bytes).reversed().thenComparing(SizedSplit::splitId);

    private final SplitEnumeratorContext<S> context;
    private final SplitPlanner<S> planner;
    /** Null for a bounded source. */
    private final Duration discovery;
    private final List<S> pending;
    /** Read by the planning worker (as the IDs it skips), written on the coordinator thread. */
    private final Set<String> planned;
    private boolean firstPlanDone;
    private final Set<Integer> asking = new LinkedHashSet<>();
    private final Map<Integer, Long> assignedBytes = new HashMap<>();

    PlannedSplitEnumerator(SplitEnumeratorContext<S> context, SplitPlanner<S> planner, Duration discovery,
                           SplitBacklog<S> restored) {
        this.context = context;
        this.planner = planner;
        this.discovery = discovery;
        this.pending = new ArrayList<>(restored.pending());
        this.planned = ConcurrentHashMap.newKeySet();
        planned.addAll(restored.planned());
        this.firstPlanDone = restored.firstPlanDone();
        pending.sort(LARGEST_FIRST);
    }

    @Override
    public void start() {
        if (discovery != null) {
            context.callAsync(this::plan, this::planDone, 0, discovery.toMillis());
        } else if (!firstPlanDone) {
            context.callAsync(this::plan, this::planDone);
        }
    }

    /** On the worker thread: each unit's splits go to the coordinator thread as soon as they are planned. */
    private Void plan() throws Exception {
        planner.plan(Set.copyOf(planned), splits -> context.runInCoordinatorThread(() -> found(splits)));
        return null;
    }

    private void found(List<S> splits) {
        for (S split : splits) {
            if (planned.add(split.splitId())) pending.add(split);
        }
        pending.sort(LARGEST_FIRST);
        if (discovery != null) pushPending();
        answerRequests();
    }

    /** After every {@link #found} of the plan: the coordinator thread runs tasks in the order they were given. */
    private void planDone(Void done, Throwable error) {
        if (error != null) throw new FlinkRuntimeException("planning the source's splits failed: " + error.getMessage(), error);
        firstPlanDone = true;
        answerRequests();
    }

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        asking.add(subtask);
        answerRequests();
    }

    private void answerRequests() {
        for (var it = asking.iterator(); it.hasNext(); ) {
            int subtask = it.next();
            if (!context.registeredReaders().containsKey(subtask)) {
                it.remove();
            } else if (!pending.isEmpty()) {
                assign(pending.removeFirst(), subtask);
                it.remove();
            } else if (discovery == null && firstPlanDone) {
                context.signalNoMoreSplits(subtask);
                it.remove();
            }
        }
    }

    /** Continuous: every pending split to the registered reader holding the fewest bytes. */
    private void pushPending() {
        Set<Integer> readers = context.registeredReaders().keySet();
        if (readers.isEmpty()) return;
        while (!pending.isEmpty()) {
            int lightest = readers.stream().min(Comparator.comparingLong((Integer r) -> assignedBytes.getOrDefault(r, 0L))
                    .thenComparing(r -> r)).orElseThrow();
            assign(pending.removeFirst(), lightest);
        }
    }

    private void assign(S split, int subtask) {
        assignedBytes.merge(subtask, split.bytes(), Long::sum);
        context.assignSplit(split, subtask);
    }

    @Override
    public void addSplitsBack(List<S> splits, int subtask) {
        // the reader failed: its splits, at their last checkpointed positions, go to whoever asks (or comes back) next
        assignedBytes.remove(subtask);
        pending.addAll(splits);
        pending.sort(LARGEST_FIRST);
    }

    @Override
    public void addReader(int subtask) {
        if (discovery != null) pushPending();
        answerRequests();
    }

    @Override
    public SplitBacklog<S> snapshotState(long checkpointId) {
        return new SplitBacklog<>(pending, planned, firstPlanDone);
    }

    @Override
    public void close() {
    }
}
