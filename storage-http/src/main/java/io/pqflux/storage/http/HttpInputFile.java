package io.pqflux.storage.http;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.ByteRange;
import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestMetrics;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.scheduler.Schedulers;

/**
 * An object as a synchronous {@link InputFile}, so {@code ParquetReader.open(InputFile, ReadOptions)} reads from
 * object storage. Opening reads the object whole when it is small, else its start and its footer suffix (in
 * parallel); reads inside those bytes are views of them. Any other read blocks for its GETs (large ones split and
 * fetched in parallel) and copies the bytes into the caller's arena: the one copy of the synchronous path, the
 * price of the {@code InputFile} contract (the segment lives as long as the caller's arena, not as a buffer of
 * ours). {@link #read} blocks: never call it on a non-blocking thread (an event loop or Reactor's parallel
 * scheduler), where Reactor refuses to block; use {@link HttpObject} there.
 */
public final class HttpInputFile implements InputFile {

    /** The leading magic a Parquet reader checks next to the footer. */
    private static final int HEAD_BYTES = 4;

    private final HttpObject file;
    private final List<FetchedRange> prefetched;
    private final long maxPartBytes;
    private final int partsPerBatch;

    private HttpInputFile(HttpObject file, List<FetchedRange> prefetched, long maxPartBytes, int partsPerBatch) {
        this.file = file;
        this.prefetched = prefetched;
        this.maxPartBytes = maxPartBytes;
        this.partsPerBatch = partsPerBatch;
    }

    /** Blocks for the prefetch of {@code file}: the whole object when small, else its head and footer suffix. */
    static HttpInputFile open(HttpObject file, long smallObjectBytes, long footerSuffixBytes, long maxPartBytes,
            int partsPerBatch) {
        long length = file.length();
        List<ByteRange> ranges = new ArrayList<>();
        if (length <= Math.max(smallObjectBytes, footerSuffixBytes + HEAD_BYTES)) {
            if (length > 0) ranges.add(new ByteRange(0, length));
        } else {
            ranges.add(new ByteRange(0, HEAD_BYTES));
            ranges.add(new ByteRange(length - footerSuffixBytes, footerSuffixBytes));
        }
        return new HttpInputFile(file, fetch(file, ranges), maxPartBytes, partsPerBatch);
    }

    /**
     * True when the object was small enough to be read whole at open: every range is served from memory, without a
     * request or blocking.
     */
    @Override
    public boolean readsInPlace() {
        return prefetched.size() == 1 && prefetched.getFirst().offset() == 0 && prefetched.getFirst().length() == file.length();
    }

    /** {@link RemoteObject}: the object's {@link HttpObject} (same ETag, same counters), its asynchronous reads. */
    @Override
    public <T> Optional<T> feature(Class<T> type) {
        return type == RemoteObject.class ? Optional.of(type.cast(file)) : Optional.empty();
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public long length() {
        return file.length();
    }

    /** The URI, length and ETag the object had when opened (every read is pinned to that ETag); null without an ETag. */
    @Override
    public FileIdentity identity() {
        return file.etag() == null ? null : new FileIdentity(name(), file.length(), file.etag());
    }

    @Override
    public MemorySegment read(long offset, long length, Arena arena) {
        if (offset < 0 || length < 0 || offset > file.length() || length > file.length() - offset) {
            throw new CorruptFileException("byte range [" + offset + ", " + (offset + length) + ") lies outside the object of "
                    + file.length() + " bytes", SourceLocation.ofFile(name()).withOffset(offset));
        }
        if (length == 0) return arena.allocate(0);
        for (FetchedRange cached : prefetched) {
            if (offset >= cached.offset() && offset + length <= cached.offset() + cached.length()) {
                return cached.segment().asSlice(offset - cached.offset(), length);
            }
        }
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("HttpInputFile.read blocks, and " + Thread.currentThread().getName()
                    + " must not block: read through HttpObject there");
        }
        MemorySegment target = arena.allocate(length, 8);
        List<ByteRange> parts = parts(offset, length);
        // a batch of parts in flight at a time bounds the memory held besides the target; the copies run on this
        // thread because the caller's arena may be confined to it
        for (int from = 0; from < parts.size(); from += partsPerBatch) {
            List<FetchedRange> fetched = fetch(file, parts.subList(from, Math.min(parts.size(), from + partsPerBatch)));
            try {
                for (FetchedRange part : fetched) {
                    MemorySegment.copy(part.segment(), 0, target, part.offset() - offset, part.length());
                }
            } finally {
                fetched.forEach(FetchedRange::close);
            }
        }
        return target;
    }

    /** Blocks for {@code ranges}; on failure nothing fetched is left unreleased. */
    private static List<FetchedRange> fetch(HttpObject file, List<ByteRange> ranges) {
        List<FetchedRange> fetched = file.readAll(ranges).collectList()
                .doOnDiscard(FetchedRange.class, FetchedRange::close)
                .block();
        return fetched == null ? List.of() : fetched;
    }

    /** Pieces of at most the merged-request cap: requested in parallel, and no buffer above 2 GiB. */
    private List<ByteRange> parts(long offset, long length) {
        List<ByteRange> parts = new ArrayList<>();
        for (long at = offset; at < offset + length; at += maxPartBytes) {
            parts.add(new ByteRange(at, Math.min(maxPartBytes, offset + length - at)));
        }
        return parts;
    }

    public RequestMetrics metrics() {
        return file.metrics();
    }

    @Override
    public void close() {
        prefetched.forEach(FetchedRange::close);
    }
}
