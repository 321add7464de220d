package io.pqflux.storage.http;

import io.netty.buffer.ByteBuf;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.ByteRange;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.RangeCoalescing;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.http.internal.CoalescedRange;
import io.pqflux.storage.http.internal.NettyRanges;
import io.pqflux.storage.http.internal.ObjectClient;
import io.pqflux.storage.http.internal.ObjectHead;
import io.pqflux.storage.http.internal.RangeCoalescer;
import io.pqflux.storage.http.internal.RequestCounters;
import io.pqflux.storage.http.internal.ResponseBody;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An object opened with a HEAD: its length and ETag fixed then, every later read conditional on that ETag (see
 * {@link RemoteObject} for ownership of what is read). Reads run on netty's event loops; ranges close together share a
 * GET ({@link RangeCoalescing}), at most {@link HttpSettings#maxConcurrentRequests()} in flight.
 */
public final class HttpObject implements RemoteObject {

    private final String name;
    private final RequestTarget target;
    private final ObjectHead head;
    private final ObjectClient client;
    private final RangeCoalescing coalescing;
    private final int maxConcurrentRequests;
    private final RequestCounters counters;

    HttpObject(String name, RequestTarget target, ObjectHead head, ObjectClient client, RangeCoalescing coalescing,
            int maxConcurrentRequests, RequestCounters counters) {
        this.name = name;
        this.target = target;
        this.head = head;
        this.client = client;
        this.coalescing = coalescing;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.counters = counters;
    }

    @Override
    public String name() {
        return name;
    }

    /** The URI requests go to. */
    public URI uri() {
        return target.uri();
    }

    @Override
    public long length() {
        return head.length();
    }

    /** The ETag reads are pinned to, or {@code null} when the server sent none (reads are then unconditional). */
    public String etag() {
        return head.etag();
    }

    @Override
    public String version() {
        return head.etag();
    }

    /** Bytes {@code [offset, offset + length)} with one ranged GET ({@code length} > 0, at most 2 GiB - 1). */
    @Override
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
     * {@link HttpSettings#maxConcurrentRequests()} GETs are in flight. (Not {@code flatMapSequential}: Reactor 3.8
     * drops, without the discard hook, what its inner queues hold when cancelled, which would leak buffers.)
     */
    @Override
    public Flux<FetchedRange> readAll(List<ByteRange> ranges) {
        return Flux.defer(() -> {
            ranges.forEach(this::checked);
            List<CoalescedRange> requests = RangeCoalescer.coalesce(ranges, coalescing);
            return Flux.fromIterable(requests).flatMap(
                    request -> fetch(request.fetch()).flatMapIterable(body -> slices(request, body)),
                    maxConcurrentRequests);
        }).doOnDiscard(FetchedRange.class, FetchedRange::close).doOnDiscard(ResponseBody.class, ResponseBody::release);
    }

    @Override
    public RequestMetrics metrics() {
        return counters.snapshot();
    }

    private Mono<ResponseBody> fetch(ByteRange range) {
        return client.get(name, target, range, head.etag(), head.length(), counters);
    }

    /** The whole body as one owned range; the body's own reference is given up here. */
    private static FetchedRange owned(ByteRange range, ResponseBody body) {
        ByteBuf reference = body.buffer().retain();
        try {
            return NettyRanges.owned(range, reference);
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
                    parts.add(NettyRanges.owned(part, slice));
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
                    + " bytes", SourceLocation.ofFile(name).withOffset(range.offset()));
        }
        return range;
    }
}
