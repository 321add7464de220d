package io.pqflux.otap.receiver;

import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.Signal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a receiver follows an export. Immutable; {@code with…} returns a copy.
 *
 * <ul>
 *   <li>{@link #signals()}: the signals to replay, in {@link Signal} order (default all three).
 *   <li>{@link #replay()}: join mode and partitions; positions and root-file selection are the receiver's own. By
 *       default one partition at a time, so a sink receives the batches in listing order (a run's output is the same
 *       every time); with {@link ReplayOptions#withPartitionsInParallel} above 1 partitions are rebuilt concurrently and
 *       their batches interleave (each partition's still in order, its checkpoint position still exact).
 *   <li>{@link #follow()}: poll again every {@link #pollInterval()} until cancelled, instead of one pass (default off).
 *   <li>{@link #minFileAge()}: root files created (by the time in their name) less than this long ago are left for a
 *       later poll, so that children flushed after their parents (docs/otap-format.md §5.2) are there when the parents
 *       are joined (default zero).
 *   <li>{@link #checkpoint()}: where the checkpoint is kept; without one it lives in memory only and a restart begins
 *       anew.
 * </ul>
 */
public final class ReceiverOptions {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private static final ReceiverOptions DEFAULTS = new ReceiverOptions(Collections.unmodifiableSet(EnumSet.allOf(Signal.class)),
            ReplayOptions.defaults().withPartitionsInParallel(1), false, DEFAULT_POLL_INTERVAL, Duration.ZERO, null, Clock.systemUTC());

    private final Set<Signal> signals;
    private final ReplayOptions replay;
    private final boolean follow;
    private final Duration pollInterval;
    private final Duration minFileAge;
    private final Path checkpoint;
    private final Clock clock;

    private ReceiverOptions(Set<Signal> signals, ReplayOptions replay, boolean follow, Duration pollInterval,
                            Duration minFileAge, Path checkpoint, Clock clock) {
        this.signals = signals;
        this.replay = replay;
        this.follow = follow;
        this.pollInterval = pollInterval;
        this.minFileAge = minFileAge;
        this.checkpoint = checkpoint;
        this.clock = clock;
    }

    public static ReceiverOptions defaults() {
        return DEFAULTS;
    }

    public ReceiverOptions withSignals(Set<Signal> chosen) {
        if (chosen.isEmpty()) throw new IllegalArgumentException("no signal to replay");
        // an EnumSet iterates in Signal order, which the receiver replays in
        return new ReceiverOptions(Collections.unmodifiableSet(EnumSet.copyOf(chosen)), replay, follow, pollInterval, minFileAge,
                checkpoint, clock);
    }

    public ReceiverOptions withReplay(ReplayOptions options) {
        return new ReceiverOptions(signals, Objects.requireNonNull(options, "options"), follow, pollInterval,
                minFileAge, checkpoint, clock);
    }

    public ReceiverOptions withFollow(boolean keepPolling) {
        return new ReceiverOptions(signals, replay, keepPolling, pollInterval, minFileAge, checkpoint, clock);
    }

    public ReceiverOptions withPollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("poll interval " + interval + " <= 0");
        return new ReceiverOptions(signals, replay, follow, interval, minFileAge, checkpoint, clock);
    }

    public ReceiverOptions withMinFileAge(Duration age) {
        if (age.isNegative()) throw new IllegalArgumentException("minimum file age " + age + " < 0");
        return new ReceiverOptions(signals, replay, follow, pollInterval, age, checkpoint, clock);
    }

    public ReceiverOptions withCheckpoint(Path file) {
        return new ReceiverOptions(signals, replay, follow, pollInterval, minFileAge,
                Objects.requireNonNull(file, "file"), clock);
    }

    /** The clock file ages are measured with (tests fix it). */
    public ReceiverOptions withClock(Clock now) {
        return new ReceiverOptions(signals, replay, follow, pollInterval, minFileAge, checkpoint,
                Objects.requireNonNull(now, "now"));
    }

    /** The chosen signals in {@link Signal} order. */
    public Set<Signal> signals() {
        return signals;
    }

    public ReplayOptions replay() {
        return replay;
    }

    public boolean follow() {
        return follow;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration minFileAge() {
        return minFileAge;
    }

    public Optional<Path> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    public Clock clock() {
        return clock;
    }
}
