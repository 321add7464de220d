package io.pqflux.flink.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Kills the job once, mid-run: after it has passed {@code after} records in one subtask and a checkpoint has completed
 * (so the restart restores real state, not the empty start), it throws; Flink restarts the job from that checkpoint.
 * Slows every record by {@code pauseMillis} so checkpoints fall between records. {@link #failed} tells whether the
 * failure happened: a test that meant to fail the job asserts it did.
 */
public final class FailOnce<T> implements MapFunction<T, T>, CheckpointListener {

    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    private final String run;
    private final int after;
    private final long pauseMillis;
    private transient AtomicInteger seen;
    private transient volatile boolean checkpointed;

    public FailOnce(String run, int after, long pauseMillis) {
        this.run = run;
        this.after = after;
        this.pauseMillis = pauseMillis;
        FAILED.put(run, new AtomicBoolean());
    }

    public static boolean failed(String run) {
        return FAILED.get(run).get();
    }

    @Override
    public T map(T value) throws Exception {
        if (seen == null) seen = new AtomicInteger();
        if (pauseMillis > 0) Thread.sleep(pauseMillis);
        if (seen.incrementAndGet() > after && checkpointed && FAILED.get(run).compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure after " + after + " records");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }
}
