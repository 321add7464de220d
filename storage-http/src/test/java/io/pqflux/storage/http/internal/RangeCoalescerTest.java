package io.pqflux.storage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.io.ByteRange;
import io.pqflux.storage.RangeCoalescing;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeCoalescerTest {

    @Test
    void mergesNeighboursWithinTheGapAndUnderTheCap() {
        List<CoalescedRange> requests = RangeCoalescer.coalesce(List.of(
                new ByteRange(1000, 100), new ByteRange(0, 100), new ByteRange(150, 50), new ByteRange(5000, 10)),
                new RangeCoalescing(100, 1000));
        assertThat(requests).extracting(CoalescedRange::fetch)
                .containsExactly(new ByteRange(0, 200), new ByteRange(1000, 100), new ByteRange(5000, 10));
        assertThat(requests.get(0).parts()).containsExactly(new ByteRange(0, 100), new ByteRange(150, 50));
    }

    @Test
    void theCapSplitsARunAndALargeRangeStaysWhole() {
        List<CoalescedRange> requests = RangeCoalescer.coalesce(List.of(
                new ByteRange(0, 400), new ByteRange(400, 400), new ByteRange(800, 400), new ByteRange(1200, 5000)),
                new RangeCoalescing(0, 1000));
        assertThat(requests).extracting(CoalescedRange::fetch)
                .containsExactly(new ByteRange(0, 800), new ByteRange(800, 400), new ByteRange(1200, 5000));
    }

    @Test
    void overlapsAndDuplicatesShareARequestAndEachKeepsItsPart() {
        List<CoalescedRange> requests = RangeCoalescer.coalesce(List.of(
                new ByteRange(10, 100), new ByteRange(10, 100), new ByteRange(50, 20), new ByteRange(0, 200)),
                new RangeCoalescing(0, 1000));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).fetch()).isEqualTo(new ByteRange(0, 200));
        assertThat(requests.get(0).parts()).hasSize(4);
    }

    @Test
    void withoutCoalescingEveryRangeIsItsOwnRequest() {
        assertThat(RangeCoalescer.coalesce(List.of(new ByteRange(0, 10), new ByteRange(10, 10), new ByteRange(5, 10)),
                RangeCoalescing.none())).hasSize(3);
    }

    @Test
    void randomRangesAreEachCoveredOnceAndRequestsRespectTheRules() {
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            RangeCoalescing rules = new RangeCoalescing(random.nextInt(5000), 1 + random.nextInt(20_000));
            List<ByteRange> ranges = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                ranges.add(new ByteRange(random.nextInt(100_000), 1 + random.nextInt(3000)));
            }
            List<CoalescedRange> requests = RangeCoalescer.coalesce(ranges, rules);
            assertThat(requests.stream().mapToInt(r -> r.parts().size()).sum()).isEqualTo(ranges.size());
            for (CoalescedRange request : requests) {
                for (ByteRange part : request.parts()) {
                    assertThat(part.offset()).isGreaterThanOrEqualTo(request.fetch().offset());
                    assertThat(part.end()).isLessThanOrEqualTo(request.fetch().end());
                }
                if (request.parts().size() > 1) {
                    assertThat(request.fetch().length()).isLessThanOrEqualTo(rules.maxMergedBytes());
                }
            }
            for (int i = 1; i < requests.size(); i++) {
                assertThat(requests.get(i).fetch().offset()).isGreaterThanOrEqualTo(requests.get(i - 1).fetch().offset());
            }
        }
    }
}
