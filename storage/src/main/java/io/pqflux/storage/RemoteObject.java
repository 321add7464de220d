package io.pqflux.storage;

import io.pqflux.io.ByteRange;
import io.pqflux.reader.PlannedReads;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An opened object read asynchronously: its length and version fixed when it was opened, every later read pinned to
 * that version so a replaced object fails ({@link RequestFailure#OBJECT_CHANGED}) instead of mixing versions. Reads
 * never block and may be subscribed to from any thread. Each emitted {@link FetchedRange} belongs to the subscriber,
 * who closes it; ranges dropped inside these publishers (cancellation, errors) are closed by them. Operators added
 * downstream that drop elements on cancellation need {@code .doOnDiscard(FetchedRange.class, FetchedRange::close)}
 * at the end of the subscriber's pipeline; operators that complete on a timer ({@code take(Duration)}, {@code
 * timeout}) race with a range in flight, which Reactor then drops past every discard hook: cancel instead.
 *
 * <p>A file opened for the reader ({@link ObjectStore#openInputFile}) offers its remote object as a feature: {@code
 * file.feature(RemoteObject.class)}; scans then fetch column chunks through it.
 */
public interface RemoteObject {

    /** A name for messages: the URI. */
    String name();

    long length();

    /** The version reads are pinned to, or null when the store gave none (reads are then unpinned). */
    String version();

    /** Bytes {@code [offset, offset + length)} with one request ({@code length} > 0, at most 2 GiB - 1). */
    Mono<FetchedRange> read(long offset, long length);

    /**
     * One {@link FetchedRange} per requested range, as their requests complete (match them up by {@link
     * FetchedRange#range()}); ranges close together may share a request ({@link RangeCoalescing}).
     */
    Flux<FetchedRange> readAll(List<ByteRange> ranges);

    /**
     * Fetches every range of a planned read (a row group's plan, or a read of it) at once, one request each (the plan
     * merged them already), and hands each buffer to the read as it arrives; from then on the read owns it, whatever
     * happens next. Completes when all are in.
     */
    default Mono<Void> fetchInto(PlannedReads read) {
        List<ByteRange> ranges = read.ranges();
        return Flux.fromIterable(ranges)
                .flatMap(range -> read(range.offset(), range.length()), Math.max(1, ranges.size()))
                .doOnNext(fetched -> read.supply(fetched.offset(), fetched.segment(), fetched))
                // what flatMap drops when cancelled (a range arriving as the read fails) never reached the read
                .doOnDiscard(FetchedRange.class, FetchedRange::close)
                .then();
    }

    /** Requests, retries and bytes so far. */
    RequestMetrics metrics();
}
