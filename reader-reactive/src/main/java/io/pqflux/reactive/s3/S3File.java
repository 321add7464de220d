package io.pqflux.reactive.s3;

import io.netty.buffer.ByteBuf;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.ByteRange;
import io.pqflux.reader.RowGroupRead;
import io.pqflux.reactive.internal.s3.CoalescedRange;
import io.pqflux.reactive.internal.s3.ObjectClient;
import io.pqflux.reactive.internal.s3.ObjectHead;
import io.pqflux.reactive.internal.s3.RangeCoalescer;
import io.pqflux.reactive.internal.s3.RequestCounters;
import io.pqflux.reactive.internal.s3.RequestTarget;
import io.pqflux.reactive.internal.s3.ResponseBody;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An opened object: its length and ETag fixed by the HEAD at open, every later read conditional on that ETag so
 * a replaced object fails ({@link S3Failure#OBJECT_CHANGED}) instead of mixing versions. Non-blocking: reads run
 * on netty's event loops and may be subscribed to from any thread. Each emitted {@link FetchedRange} belongs to
 * the subscriber, who closes it; ranges dropped inside these publishers (cancellation, errors) are closed by them.
 * Operators added downstream that drop elements on cancellation need the usual
 * {@code .doOnDiscard(FetchedRange.class, FetchedRange::close)} at the end of the subscriber's pipeline. Operators
 * that complete on a timer ({@code take(Duration)}, {@code timeout}) race with a range in flight, which Reactor then
 * drops as {@code onNextDropped}, past every discard hook: cancel the subscription instead.
 */
public final class S3File {

    private final S3Location location;
    private final RequestTarget target;
    private final ObjectHead head;
    private final ObjectClient client;
    private final RangeCoalescing coalescing;
    private final int maxConcurrentRequests;
    private final RequestCounters counters;

    S3File(S3Location location, RequestTarget target, ObjectHead head, ObjectClient client, RangeCoalescing coalescing,
            int maxConcurrentRequests, RequestCounters counters) {
        this.location = location;
        this.target = target;
        this.head = head;
        this.client = client;
        this.coalescing = coalescing;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.counters = counters;
    }

    public S3Location location() {
        return location;
    }

    /** The URI requests go to. */
    public URI uri() {
        return target.uri();
    }

    public long length() {
        return head.length();
    }

    /** The ETag reads are pinned to, or {@code null} when the server sent none (reads are then unconditional). */
    public String etag() {
        return head.etag();
    }

    /** Bytes {@code [offset, offset + length)} with one ranged GET ({@code length} > 0, at most 2 GiB - 1). */
    public Mono<FetchedRange> read(long offset, long length) {
        return Mono.defer(() -> {
            ByteRange range = checked(new ByteRange(offset, length));
            return fetch(range).map(body -> owned(range, body));
        }).doOnDiscard(FetchedRange.class, FetchedRange::close).doOnDiscard(ResponseBody.class, ResponseBody::release);
    }

    /**
     * One {@link FetchedRange} per requested range, as their GETs complete (match them up by
     * {@link FetchedRange#range()}). Ranges close together share a GET ({@link RangeCoalescing}); their
     * {@code FetchedRange}s are slices of one buffer, freed when the last is closed. At most
     * {@link S3Config#maxConcurrentRequests()} GETs are in flight. (Not {@code flatMapSequential}: Reactor 3.8
     * drops, without the discard hook, what its inner queues hold when cancelled, which would leak buffers.)
     */
    public Flux<FetchedRange> readAll(List<ByteRange> ranges) {
        return Flux.defer(() -> {
            ranges.forEach(this::checked);
            List<CoalescedRange> requests = RangeCoalescer.coalesce(ranges, coalescing);
            return Flux.fromIterable(requests).flatMap(
                    request -> fetch(request.fetch()).flatMapIterable(body -> slices(request, body)),
                    maxConcurrentRequests);
        }).doOnDiscard(FetchedRange.class, FetchedRange::close).doOnDiscard(ResponseBody.class, ResponseBody::release);
    }

    /**
     * Fetches every range of a planned read at once, one GET each (the plan has merged them already, with bounded
     * gaps), and hands each buffer to the read as it arrives; from then on the read owns it, whatever happens next.
     * Completes when all are in. At most as many GETs in flight as the read has ranges (the connection pool bounds
     * them further).
     */
    public Mono<Void> fetchInto(RowGroupRead read) {
        List<ByteRange> ranges = read.ranges();
        return Flux.fromIterable(ranges)
                .flatMap(range -> read(range.offset(), range.length()), Math.max(1, ranges.size()))
                .doOnNext(fetched -> read.supply(fetched.offset(), fetched.segment(), fetched))
                // what flatMap drops when cancelled (a range arriving as the read fails) never reached the read
                .doOnDiscard(FetchedRange.class, FetchedRange::close)
                .then();
    }

    /** Requests, retries and bytes so far. */
    public S3Metrics metrics() {
        return counters.snapshot();
    }

    private Mono<ResponseBody> fetch(ByteRange range) {
        return client.get(location, target, range, head.etag(), head.length(), counters);
    }

    /** The whole body as one owned range; the body's own reference is given up here. */
    private static FetchedRange owned(ByteRange range, ResponseBody body) {
        ByteBuf reference = body.buffer().retain();
        try {
            return new FetchedRange(range, reference);
        } catch (RuntimeException e) {
            reference.release();
            throw e;
        } finally {
            body.release();
        }
    }

    /** Splits a merged body into one owned slice per part; the body's own reference is given up here. */
    private static List<FetchedRange> slices(CoalescedRange request, ResponseBody body) {
        List<FetchedRange> parts = new ArrayList<>(request.parts().size());
        try {
            for (ByteRange part : request.parts()) {
                int index = Math.toIntExact(part.offset() - request.fetch().offset());
                ByteBuf slice = body.buffer().retainedSlice(index, Math.toIntExact(part.length()));
                try {
                    parts.add(new FetchedRange(part, slice));
                } catch (RuntimeException e) {
                    slice.release();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            parts.forEach(FetchedRange::close);
            throw e;
        } finally {
            body.release();
        }
        return parts;
    }

    private ByteRange checked(ByteRange range) {
        if (range.length() == 0 || range.length() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("range length must be in [1, 2 GiB - 8]: " + range);
        }
        if (range.end() > head.length()) {
            throw new CorruptFileException("byte range " + range + " lies outside the object of " + head.length()
                    + " bytes", SourceLocation.ofFile(location.toString()).withOffset(range.offset()));
        }
        return range;
    }
}
