package io.pqflux.storage.http.internal;

import io.pqflux.io.ByteRange;
import io.pqflux.storage.RangeCoalescing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Groups requested ranges into requests, by offset: neighbours within the gap merge while under the size cap. */
public final class RangeCoalescer {

    private RangeCoalescer() {
    }

    public static List<CoalescedRange> coalesce(List<ByteRange> ranges, RangeCoalescing rules) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::offset).thenComparingLong(ByteRange::length));
        List<CoalescedRange> requests = new ArrayList<>();
        List<ByteRange> parts = new ArrayList<>();
        long start = 0;
        long end = 0;
        for (ByteRange range : sorted) {
            boolean joins = !parts.isEmpty()
                    && range.offset() - end <= rules.maxGapBytes()
                    && Math.max(end, range.end()) - start <= rules.maxMergedBytes();
            if (!joins) {
                if (!parts.isEmpty()) requests.add(new CoalescedRange(new ByteRange(start, end - start), List.copyOf(parts)));
                parts.clear();
                start = range.offset();
                end = range.end();
            }
            parts.add(range);
            end = Math.max(end, range.end());
        }
        if (!parts.isEmpty()) requests.add(new CoalescedRange(new ByteRange(start, end - start), List.copyOf(parts)));
        return requests;
    }
}
