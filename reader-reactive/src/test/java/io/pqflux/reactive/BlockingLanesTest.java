package io.pqflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@link BlockingLanes}: every item worked once on the lanes' scheduler, its results in order; demand respected (lanes
 * park when nothing is asked for and restart on request, never losing a request); cancellation and the first failure
 * stop the lanes before their next item.
 */
class BlockingLanesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Scheduler LANES = Schedulers.newBoundedElastic(8, 10_000, "lanes-test");

    @AfterAll
    static void dispose() {
        LANES.dispose();
    }

    /** Item {@code i} gives {@code i * 10}, {@code i * 10 + 1} and {@code i * 10 + 2}. */
    private static List<Integer> threeResults(int item) {
        return List.of(item * 10, item * 10 + 1, item * 10 + 2);
    }

    private static List<Integer> items(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    @ParameterizedTest(name = "{0} lanes")
    @ValueSource(ints = {1, 2, 3, 8, 500})
    void everyItemIsWorkedOnceOnTheLanesThreadsItsResultsInOrder(int lanes) {
        Set<Integer> worked = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> results = BlockingLanes.of(items(300), lanes, LANES, (Integer item) -> {
            assertThat(worked.add(item)).as("item %d worked twice", item).isTrue();
            threads.add(Thread.currentThread().getName());
            return threeResults(item);
        }).collectList().block(PATIENCE);

        assertThat(worked).hasSize(300);
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("lanes-test"))
                .hasSizeLessThanOrEqualTo(Math.min(lanes, 300));
        assertThat(results).hasSize(900)
                .containsExactlyInAnyOrderElementsOf(items(300).stream().flatMap(i -> threeResults(i).stream()).toList());
        // an item's results come in the order its work gave them (other lanes' may come between them)
        for (int item = 0; item < 300; item++) {
            int i = item;
            assertThat(results.stream().filter(r -> r / 10 == i).toList()).isEqualTo(threeResults(item));
        }
    }

    @Test
    void noItemsCompleteAtOnceAndLanesMustBePositive() {
        StepVerifier.create(BlockingLanes.of(List.<Integer>of(), 2, LANES, BlockingLanesTest::threeResults)).expectComplete().verify(PATIENCE);
        assertThatThrownBy(() -> BlockingLanes.of(items(3), 0, LANES, BlockingLanesTest::threeResults))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lanes must be at least 1, got 0");
    }

    @Test
    void nothingIsWorkedBeforeTheFirstRequestAndLanesParkWithoutDemand() throws InterruptedException {
        AtomicInteger worked = new AtomicInteger();
        Flux<Integer> lanes = BlockingLanes.of(items(100), 2, LANES, (Integer item) -> {
            worked.incrementAndGet();
            return threeResults(item);
        });
        StepVerifier.create(lanes, 0)
                .then(() -> sleep(200))
                .then(() -> assertThat(worked).as("worked before any request").hasValue(0))
                .thenRequest(1)
                .expectNextCount(1)
                // each lane may have taken one item for the one result asked for; then both park
                .then(() -> sleep(200))
                .then(() -> assertThat(worked.get()).as("worked for one result").isBetween(1, 2))
                .thenRequest(5)
                .expectNextCount(5)
                .then(() -> sleep(200))
                // 6 results asked for are 2 items, and each lane takes at most one item beyond the demand
                .then(() -> assertThat(worked.get()).as("worked for six results").isBetween(2, 4))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(294)
                .expectComplete().verify(PATIENCE);
        assertThat(worked).hasValue(100);
    }

    @ParameterizedTest(name = "{0} lanes")
    @ValueSource(ints = {2, 4})
    void aSlowSubscriberDoesNotLetTheLanesRunAheadOfItsDemand(int lanes) throws InterruptedException {
        // one result asked for, and the subscriber takes 300 ms over it: while it does, the sink still counts the one
        // result as requested (its drain loop settles the count after the delivery), and lanes that read that count
        // worked every item (the CI run of 36de987 saw 26 items worked for one result)
        AtomicInteger worked = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(1);
        BaseSubscriber<Integer> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            protected void hookOnNext(Integer result) {
                sleep(300);
                delivered.countDown();
            }
        };
        BlockingLanes.of(items(100), lanes, LANES, (Integer item) -> {
            worked.incrementAndGet();
            return threeResults(item);
        }).subscribe(slow);
        await(delivered);
        sleep(200);
        slow.dispose();
        // each lane may have taken one item for the one result asked for
        assertThat(worked.get()).isBetween(1, lanes);
    }

    @ParameterizedTest(name = "{0} lanes")
    @ValueSource(ints = {1, 2, 4, 8})
    void theResultsCompleteWithoutFurtherDemandOnceEveryItemIsWorked(int lanes) {
        // exactly the results there are asked for: the lanes that find no demand park before they find no item, and
        // the last one to end must still complete the stream (a publisher completes without demand)
        for (int round = 0; round < 50; round++) {
            StepVerifier.create(BlockingLanes.of(items(40), lanes, LANES, BlockingLanesTest::threeResults), 0)
                    .thenRequest(120)
                    .expectNextCount(120)
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest(name = "{0} lanes")
    @ValueSource(ints = {1, 2, 4})
    void aSubscriberTakingOneAtATimeFromAnotherThreadGetsEverything(int lanes) {
        // every result is asked for alone, from another thread: the lanes park and restart all the time, and a request
        // lost between a lane's look at the demand and its parking would hang the stream
        for (int round = 0; round < 100; round++) {
            List<Integer> results = BlockingLanes.of(items(100), lanes, LANES, BlockingLanesTest::threeResults)
                    .publishOn(Schedulers.parallel(), 1)
                    .collectList().block(Duration.ofSeconds(10));
            assertThat(results).as("round %d", round).hasSize(300).doesNotHaveDuplicates();
        }
    }

    @Test
    void cancellingStopsTheLanesBeforeTheirNextItem() throws InterruptedException {
        AtomicInteger worked = new AtomicInteger();
        Function<Integer, List<Integer>> slow = item -> {
            worked.incrementAndGet();
            sleep(20);
            return threeResults(item);
        };
        StepVerifier.create(BlockingLanes.of(items(1_000), 3, LANES, slow))
                .expectNextCount(1)
                .thenCancel()
                .verify(PATIENCE);
        int atCancel = worked.get();
        sleep(300);
        // the items being worked when the stream was cancelled end; nothing starts after
        assertThat(worked.get()).isLessThanOrEqualTo(atCancel + 3).isLessThan(1_000);
        int settled = worked.get();
        sleep(200);
        assertThat(worked).hasValue(settled);
    }

    @Test
    void theFirstFailureEndsTheStreamAndStopsTheLanes() {
        AtomicInteger worked = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("item 5 is broken");
        Flux<Integer> lanes = BlockingLanes.of(items(1_000), 2, LANES, (Integer item) -> {
            worked.incrementAndGet();
            if (item == 5) throw broken;
            sleep(20);
            return threeResults(item);
        });
        StepVerifier.create(lanes).thenConsumeWhile(x -> true).expectErrorMatches(e -> e == broken).verify(PATIENCE);
        sleep(300);
        // items are taken in order, each working 20 ms but item 5, which fails at once: the other lane finishes the
        // item it holds and takes no other (a few more only if the failing thread stalls for a multiple of 20 ms)
        assertThat(worked.get()).isBetween(6, 12);
    }

    @Test
    void aFailureAfterTheFirstIsDropped() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            CountDownLatch bothWorking = new CountDownLatch(2);
            Flux<Integer> lanes = BlockingLanes.of(items(2), 2, LANES, (Integer item) -> {
                bothWorking.countDown();
                await(bothWorking);
                throw new IllegalStateException("item " + item);
            });
            StepVerifier.create(lanes).expectErrorSatisfies(e -> assertThat(e).hasMessageStartingWith("item "))
                    .verify(PATIENCE);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (dropped.isEmpty() && System.nanoTime() < deadline) sleep(10);
            assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessageStartingWith("item "));
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    @Test
    void aSchedulerThatRefusesTheLanesFailsTheStream() {
        Scheduler disposed = Schedulers.newBoundedElastic(1, 1, "lanes-disposed");
        disposed.dispose();
        StepVerifier.create(BlockingLanes.of(items(3), 2, disposed, BlockingLanesTest::threeResults))
                .expectError(RejectedExecutionException.class)
                .verify(PATIENCE);
    }

    @Test
    void resultsOfItemsGivingNoneStillComplete() {
        List<Integer> results = BlockingLanes.of(items(50), 4, LANES,
                (Integer item) -> item % 10 == 0 ? List.of(item) : new ArrayList<Integer>()).collectList().block(PATIENCE);
        assertThat(results).containsExactlyInAnyOrder(0, 10, 20, 30, 40);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
