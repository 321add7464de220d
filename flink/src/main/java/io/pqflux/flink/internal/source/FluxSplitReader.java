package io.pqflux.flink.internal.source;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * Drains pqflux {@code Flux}es on Flink's fetcher thread (never the mailbox thread): up to {@code maxRunning} splits'
 * passes subscribed at once, each with a demand of {@code prefetch} elements, renewed one by one as elements are handed
 * to Flink. So a reader holds at most {@code maxRunning × prefetch} elements here and Flink's element queue on top,
 * however fast the store answers. Splits wait in a queue; a continuous split goes back to its end after each pass, so
 * every split gets its turn.
 */
final class FluxSplitReader<E, S extends SourceSplit> implements SplitReader<E, S> {

    /** How long one fetch waits for an element before returning (Flink calls fetch again). */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SplitReading<E, S> reading;
    private final SplitProgress<E, ?, S> progress;
    private final int maxRunning;
    private final int prefetch;
    /** Filled by the passes' subscribers on Reactor's threads, drained by fetch. */
    private final BlockingQueue<Signal<E>> signals = new LinkedBlockingQueue<>();
    /** Fetcher-thread state from here on. */
    private final ArrayDeque<Waiting<S>> waiting = new ArrayDeque<>();
    private final Map<String, Running<E, S>> running = new HashMap<>();

    FluxSplitReader(SplitReading<E, S> reading, SplitProgress<E, ?, S> progress, int maxRunning, int prefetch) {
        this.reading = reading;
        this.progress = progress;
        this.maxRunning = maxRunning;
        this.prefetch = prefetch;
    }

    @Override
    public RecordsWithSplitIds<E> fetch() throws IOException {
        startDuePasses();
        Map<String, Collection<E>> records = new LinkedHashMap<>();
        Set<String> finished = new HashSet<>();
        Signal<E> signal = awaitSignal();
        int taken = 0;
        while (signal != null) {
            switch (signal) {
                case Signal.Next<E>(String id, E element) -> {
                    Running<E, S> pass = running.get(id);
                    if (pass != null) {
                        records.computeIfAbsent(id, k -> new ArrayList<>()).add(element);
                        pass.split = progress.after(pass.split, element);
                        pass.subscriber.request(1);
                        taken++;
                    }
                }
                case Signal.Done<E>(String id) -> {
                    Running<E, S> pass = running.remove(id);
                    if (pass != null) {
                        Duration delay = reading.repeatDelay();
                        if (delay == null) finished.add(id);
                        else waiting.add(new Waiting<>(pass.split, System.nanoTime() + delay.toNanos()));
                    }
                }
                case Signal.Failed<E>(String id, Throwable error) -> throw new IOException("reading split " + id + " failed: " + error.getMessage(), error);
                case Signal.Wake<E>() -> {
                    // fall out: Flink woke the fetcher to hand it splits or to stop
                }
            }
            signal = signal instanceof Signal.Wake<E> || taken >= prefetch ? null : signals.poll();
        }
        return new RecordsBySplits<>(records, finished);
    }

    private Signal<E> awaitSignal() {
        long wait = IDLE_NANOS;
        if (running.isEmpty()) {
            if (waiting.isEmpty()) return signals.poll();
            long now = System.nanoTime();
            for (Waiting<S> split : waiting) wait = Math.min(wait, Math.max(0, split.due - now));
        }
        try {
            return signals.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void startDuePasses() {
        long now = System.nanoTime();
        for (Iterator<Waiting<S>> it = waiting.iterator(); it.hasNext() && running.size() < maxRunning; ) {
            Waiting<S> next = it.next();
            if (next.due - now > 0) continue;
            it.remove();
            String id = next.split.splitId();
            PassSubscriber<E> subscriber = new PassSubscriber<>(id, prefetch, signals);
            running.put(id, new Running<>(next.split, subscriber));
            reading.pass(next.split).subscribe(subscriber);
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<S> change) {
        if (!(change instanceof SplitsAddition<S> addition)) {
            throw new UnsupportedOperationException("only split additions are supported, not " + change);
        }
        long now = System.nanoTime();
        for (S split : addition.splits()) waiting.add(new Waiting<>(split, now));
    }

    @Override
    public void wakeUp() {
        signals.add(new Signal.Wake<>());
    }

    @Override
    public void close() {
        running.values().forEach(pass -> pass.subscriber.dispose());
        running.clear();
        waiting.clear();
        signals.clear();
        reading.close();
    }

    private sealed interface Signal<E> {
        record Next<E>(String split, E element) implements Signal<E> {}

        record Done<E>(String split) implements Signal<E> {}

        record Failed<E>(String split, Throwable error) implements Signal<E> {}

        record Wake<E>() implements Signal<E> {}
    }

    private record Waiting<S>(S split, long due) {}

    private static final class Running<E, S> {
        S split;
        final PassSubscriber<E> subscriber;

        Running(S split, PassSubscriber<E> subscriber) {
            this.split = split;
            this.subscriber = subscriber;
        }
    }

    /** One pass's subscriber: bounded demand, signals into the queue. */
    private static final class PassSubscriber<E> extends BaseSubscriber<E> {
        private final String split;
        private final int prefetch;
        private final BlockingQueue<Signal<E>> signals;

        PassSubscriber(String split, int prefetch, BlockingQueue<Signal<E>> signals) {
            this.split = split;
            this.prefetch = prefetch;
            this.signals = signals;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(prefetch);
        }

        @Override
        protected void hookOnNext(E element) {
            signals.add(new Signal.Next<>(split, element));
        }

        @Override
        protected void hookOnComplete() {
            signals.add(new Signal.Done<>(split));
        }

        @Override
        protected void hookOnError(Throwable error) {
            signals.add(new Signal.Failed<>(split, error));
        }
    }
}
