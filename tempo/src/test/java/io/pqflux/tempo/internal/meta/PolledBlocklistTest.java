package io.pqflux.tempo.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.tempo.BlockMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class PolledBlocklistTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicLong clock = new AtomicLong(1_000);
    /** Listings in the order the blocklist starts them; each completes when the test says. */
    private final Deque<Sinks.One<List<BlockMeta>>> listings = new ArrayDeque<>();
    private final AtomicInteger started = new AtomicInteger();
    private final PolledBlocklist blocklist = new PolledBlocklist("tenant t", Mono.defer(() -> {
        started.incrementAndGet();
        Sinks.One<List<BlockMeta>> listing = Sinks.one();
        listings.addLast(listing);
        return listing.asMono();
    }), INTERVAL, clock::get);

    @Test
    void aListingAnswersEveryQueryWithinTheInterval() {
        StepVerifier.create(blocklist.blocks()).then(() -> completeNext(blocks(1))).expectNext(blocks(1))
                .expectComplete().verify(WAIT);
        clock.addAndGet(INTERVAL.toNanos() - 1);
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        assertThat(started).as("one listing").hasValue(1);
    }

    @Test
    void aListingRunsWithTheContextOfTheQueryThatStartsIt() {
        List<String> seen = new CopyOnWriteArrayList<>();
        PolledBlocklist withContext = new PolledBlocklist("tenant t", Mono.deferContextual(context -> {
            seen.add(context.getOrDefault("query", "none"));
            return Mono.just(blocks(seen.size()));
        }), INTERVAL, clock::get);
        StepVerifier.create(withContext.blocks().contextWrite(c -> c.put("query", "first")))
                .expectNext(blocks(1)).expectComplete().verify(WAIT);
        clock.addAndGet(INTERVAL.toNanos());
        // the listing beside this query, not waited for, runs with its context too
        StepVerifier.create(withContext.blocks().contextWrite(c -> c.put("query", "second")))
                .expectNext(blocks(1)).expectComplete().verify(WAIT);
        StepVerifier.create(withContext.blocks()).expectNext(blocks(2)).expectComplete().verify(WAIT);
        assertThat(seen).containsExactly("first", "second");
    }

    @Test
    void anOldListingAnswersAtOnceWhileOneNewListingRunsBesideTheQueries() {
        answerFirst(blocks(1));
        clock.addAndGet(INTERVAL.toNanos());
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        assertThat(started).as("the first listing, then one beside both queries").hasValue(2);

        completeNext(blocks(2));
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(2)).expectComplete().verify(WAIT);
        assertThat(started).hasValue(2);
    }

    @Test
    void aListingTwoIntervalsOldIsNotUsedTheQueriesWaitForOneNewListing() {
        answerFirst(blocks(1));
        clock.addAndGet(2 * INTERVAL.toNanos());
        AtomicReference<List<BlockMeta>> first = new AtomicReference<>();
        AtomicReference<List<BlockMeta>> second = new AtomicReference<>();
        Disposable one = blocklist.blocks().subscribe(first::set);
        Disposable other = blocklist.blocks().subscribe(second::set);
        try {
            assertThat(first).as("waiting").hasNullValue();
            assertThat(second).as("waiting").hasNullValue();
            assertThat(started).as("the first listing, then one shared by both queries").hasValue(2);
            completeNext(blocks(3));
            assertThat(first).hasValue(blocks(3));
            assertThat(second).hasValue(blocks(3));
        } finally {
            one.dispose();
            other.dispose();
        }
    }

    @Test
    void aFailedListingIsNotKeptTheNextQueryListsAgain() {
        StepVerifier.create(blocklist.blocks()).then(() -> listings.removeFirst().tryEmitError(new IllegalStateException("refused")))
                .expectErrorMessage("refused").verify(WAIT);
        StepVerifier.create(blocklist.blocks()).then(() -> completeNext(blocks(1))).expectNext(blocks(1))
                .expectComplete().verify(WAIT);
        assertThat(started).hasValue(2);
    }

    @Test
    void aFailedBackgroundListingLeavesTheOldOneAndTheNextQueryListsAgain() {
        answerFirst(blocks(1));
        clock.addAndGet(INTERVAL.toNanos() + 1);
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        List<LogRecord> logged = logged(() -> listings.removeFirst().tryEmitError(new IllegalStateException("refused")));
        assertThat(logged).as("no query gets the failure: it is logged, once").singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getThrown()).hasMessage("refused");
            assertThat(record.getMessage()).isEqualTo("listing the blocks of tenant t beside the queries failed; the last"
                    + " listing, started 300000 ms before, answers until it is two poll intervals old, and the next query"
                    + " lists again");
        });
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        assertThat(started).as("a listing beside each query while none is kept").hasValue(3);
        completeNext(blocks(2));
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(2)).expectComplete().verify(WAIT);
    }

    @Test
    void aFailureTheWaitingQueriesGetIsNotLogged() {
        List<LogRecord> logged = logged(() -> StepVerifier.create(blocklist.blocks())
                .then(() -> listings.removeFirst().tryEmitError(new IllegalStateException("refused")))
                .expectErrorMessage("refused").verify(WAIT));
        assertThat(logged).isEmpty();
    }

    @Test
    void anEmptyListingIsNotKept() {
        StepVerifier.create(blocklist.blocks()).then(() -> listings.removeFirst().tryEmitEmpty()).expectComplete().verify(WAIT);
        StepVerifier.create(blocklist.blocks()).then(() -> completeNext(blocks(1))).expectNext(blocks(1))
                .expectComplete().verify(WAIT);
        assertThat(started).hasValue(2);
    }

    @Test
    void aQueryCancelledWhileItWaitsLeavesTheListingToTheOthers() {
        StepVerifier.create(blocklist.blocks()).thenCancel().verify(WAIT);
        StepVerifier.create(blocklist.blocks()).then(() -> completeNext(blocks(4))).expectNext(blocks(4))
                .expectComplete().verify(WAIT);
        assertThat(started).as("the cancelled query's listing served the next").hasValue(1);
    }

    @Test
    void aListingThatEndsInsideItsSubscriptionIsKeptAndTheNextOneStartsWhenItIsOld() {
        AtomicInteger listed = new AtomicInteger();
        PolledBlocklist synchronous = new PolledBlocklist("tenant t", Mono.fromSupplier(() -> blocks(listed.incrementAndGet())),
                INTERVAL, clock::get);
        StepVerifier.create(synchronous.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        StepVerifier.create(synchronous.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        clock.addAndGet(INTERVAL.toNanos());
        StepVerifier.create(synchronous.blocks()).as("old: answered, renewed beside").expectNext(blocks(1))
                .expectComplete().verify(WAIT);
        StepVerifier.create(synchronous.blocks()).expectNext(blocks(2)).expectComplete().verify(WAIT);
        clock.addAndGet(INTERVAL.toNanos());
        StepVerifier.create(synchronous.blocks()).expectNext(blocks(2)).expectComplete().verify(WAIT);
        assertThat(listed).hasValue(3);
    }

    @Test
    void aListingsAgeCountsFromItsStart() {
        StepVerifier.create(blocklist.blocks()).then(() -> {
            clock.addAndGet(INTERVAL.toNanos() - 1);
            completeNext(blocks(1));
        }).expectNext(blocks(1)).expectComplete().verify(WAIT);
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        assertThat(started).hasValue(1);
        clock.incrementAndGet();
        StepVerifier.create(blocklist.blocks()).expectNext(blocks(1)).expectComplete().verify(WAIT);
        assertThat(started).as("an interval after the listing started").hasValue(2);
    }

    @Test
    void anIntervalMustBePositive() {
        assertThatThrownBy(() -> new PolledBlocklist("tenant t", Mono.empty(), Duration.ZERO, clock::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a poll interval must be positive, got PT0S");
        new PolledBlocklist("tenant t", Mono.empty(), Duration.ofSeconds(Long.MAX_VALUE), clock::get);
    }

    /** What {@link PolledBlocklist}'s logger logs while {@code action} runs. */
    private static List<LogRecord> logged(Runnable action) {
        Logger logger = Logger.getLogger(PolledBlocklist.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // captured, not printed: the console would show the expected failure as if something were wrong
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
        }
        return records;
    }

    private void answerFirst(List<BlockMeta> metas) {
        StepVerifier.create(blocklist.blocks()).then(() -> completeNext(metas)).expectNext(metas).expectComplete().verify(WAIT);
    }

    private void completeNext(List<BlockMeta> metas) {
        assertThat(listings).as("a listing running").isNotEmpty();
        listings.removeFirst().tryEmitValue(metas);
    }

    /** {@code count} blocks: lists of different sizes tell the listings apart. */
    private static List<BlockMeta> blocks(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new BlockMeta("vParquet4", new UUID(0, i + 1), "t", Instant.EPOCH, Instant.EPOCH, 1, 0, 0, 1, 1,
                        0, List.of(), 0, Optional.empty()))
                .toList();
    }
}
