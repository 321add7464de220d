package io.pqflux.storage;

import io.pqflux.io.InputFile;
import java.lang.foreign.ValueLayout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Objects below a root: a local directory, an S3 prefix, an Azure Blob container's prefix. Paths are relative to the
 * root and '/'-separated ({@code tenant/block/data.parquet}); the empty path is the root. Listing, stat and reads are
 * {@link Mono}s and {@link Flux}es that never block a non-blocking thread; {@link #openInputFile} blocks, for the
 * synchronous reader. Found by URI scheme through {@link ObjectStores}; thread-safe; close it when done.
 */
public interface ObjectStore extends AutoCloseable {

    /** The root as a URI for messages, ending in '/': {@code file:///data/}, {@code s3://bucket/prefix/}. */
    String root();

    /** How messages name {@code path}: the local path or the object's URI. */
    String describe(String path);

    /**
     * Every object whose path starts with {@code prefix} (empty: all; give a folder as {@code "dir/"}), at any depth, in
     * path order, page by page as the store lists them. Local files that vanish while listed are left out.
     */
    Flux<StoredObject> list(String prefix);

    /** The names of the folders right below {@code path} (a folder, or empty for the root), sorted. */
    Flux<String> folders(String path);

    /** The object at {@code path}; empty when there is none. */
    Mono<StoredObject> stat(String path);

    /**
     * The object at {@code path} opened for asynchronous reads, its length and version fixed now; fails with a {@link
     * io.pqflux.error.ParquetIOException} (caused by an {@link ObjectRequestException}) when it is missing.
     */
    Mono<RemoteObject> open(String path);

    /**
     * The object at {@code path} opened for the synchronous reader, its footer fetched with the opening read where the
     * store prefetches (at least {@code footerSizeHint + 8} bytes from the end; 0 when unknown). Remote files offer
     * their {@link RemoteObject} as a feature. The caller owns the file. Blocks: call it where blocking is allowed.
     */
    InputFile openInputFile(String path, long footerSizeHint);

    /** The whole object at {@code path} (a few MiB at most: metas, indexes, bloom filters), or empty when missing. */
    Mono<FetchedRange> readWhole(String path);

    /** {@link #readWhole} copied onto the heap, the fetched memory released; empty when missing. */
    default Mono<byte[]> readBytes(String path) {
        return readWhole(path).map(range -> {
            try (range) {
                return range.segment().toArray(ValueLayout.JAVA_BYTE);
            }
        });
    }

    /** A store rooted at {@code path} below this one, sharing its resources; closing it leaves this store open. */
    ObjectStore below(String path);

    /** Releases what the store holds (connection pools, credentials it created); views from {@link #below} do nothing. */
    @Override
    void close();
}
