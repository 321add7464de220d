package io.pqflux.storage.http.internal;

import io.pqflux.io.ByteRange;
import java.util.List;

/**
 * One request that serves several requested ranges.
 *
 * @param fetch the bytes to request: from the first part's start to the furthest end
 * @param parts the requested ranges it covers, by offset (duplicates and overlaps kept)
 */
public record CoalescedRange(ByteRange fetch, List<ByteRange> parts) {
}
