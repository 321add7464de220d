package io.pqflux.tempo.internal.store;

import io.pqflux.error.ParquetIOException;
import io.pqflux.io.InputFile;
import io.pqflux.reactive.BatchMapper;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.s3.FetchedRange;
import io.pqflux.reactive.s3.S3Failure;
import io.pqflux.reactive.s3.S3File;
import io.pqflux.reactive.s3.S3InputFile;
import io.pqflux.reactive.s3.S3Location;
import io.pqflux.reactive.s3.S3Metrics;
import io.pqflux.reactive.s3.S3RequestException;
import io.pqflux.reactive.s3.S3Storage;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.TreeSet;
import reactor.core.publisher.Flux;

/**
 * A backend root under {@code s3://bucket/prefix}: small objects read whole (HEAD + one GET), data files through
 * {@link S3InputFile} (footer prefetched with the meta's footer size, column chunks by coalesced range GETs), "directories"
 * from a listing of the keys below them.
 */
public final class S3BlockStore implements BlockStore {

    private static final int LIST_PAGE = 1000;

    private final S3Storage storage;
    private final String bucket;
    private final String prefix;

    /** @param prefix the root's key prefix, without a trailing slash; empty for the bucket's root */
    public S3BlockStore(S3Storage storage, String bucket, String prefix) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private String key(String path) {
        return prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "/" + path;
    }

    private S3Location location(String path) {
        return new S3Location(bucket, key(path));
    }

    @Override
    public String describe(String path) {
        return "s3://" + bucket + "/" + key(path);
    }

    @Override
    public byte[] readObject(String path) {
        try {
            S3File file = storage.open(location(path)).block();
            if (file.length() == 0) return new byte[0];
            try (FetchedRange range = file.read(0, file.length()).block()) {
                return range.segment().toArray(ValueLayout.JAVA_BYTE);
            }
        } catch (ParquetIOException e) {
            if (e.getCause() instanceof S3RequestException request && request.failure() == S3Failure.NOT_FOUND) return null;
            throw e;
        }
    }

    @Override
    public List<String> children(String path) {
        String below = key(path).isEmpty() ? "" : key(path) + "/";
        TreeSet<String> names = new TreeSet<>();
        for (var object : storage.list(bucket, below, LIST_PAGE).toIterable()) {
            String rest = object.location().key().substring(below.length());
            int slash = rest.indexOf('/');
            if (slash > 0) names.add(rest.substring(0, slash));
        }
        return List.copyOf(names);
    }

    @Override
    public InputFile open(String path, int footerSuffix) {
        return storage.openInputFile(location(path), footerSuffix - 8);
    }

    @Override
    public <T> Flux<T> read(String path, int footerSuffix, ScanOptions options, BatchMapper<T> mapper) {
        return ParquetFlux.read(describe(path), () -> open(path, footerSuffix), options, mapper);
    }

    @Override
    public Flux<ParquetBatch> batches(String path, int footerSuffix, ScanOptions options) {
        return ParquetFlux.batches(describe(path), () -> open(path, footerSuffix), options);
    }

    @Override
    public long[] requestsAndBytes(InputFile file) {
        if (!(file instanceof S3InputFile s3)) return null;
        S3Metrics metrics = s3.metrics();
        return new long[] {metrics.requests(), metrics.bytesFetched()};
    }
}
