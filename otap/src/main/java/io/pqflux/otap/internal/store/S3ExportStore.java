package io.pqflux.otap.internal.store;

import io.pqflux.io.InputFile;
import io.pqflux.reactive.s3.S3Location;
import io.pqflux.reactive.s3.S3ObjectSummary;
import io.pqflux.reactive.s3.S3Storage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An export's base under {@code s3://bucket/prefix}: listed page by page, files read with ranged GETs. */
public final class S3ExportStore implements ExportStore {

    private static final int LIST_PAGE = 1000;

    private final S3Storage storage;
    private final String bucket;
    private final String prefix;

    /** @param prefix the base's key prefix; empty for the bucket's root */
    public S3ExportStore(S3Storage storage, String bucket, String prefix) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public String describe(String path) {
        return "s3://" + bucket + "/" + prefix + path;
    }

    @Override
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (S3ObjectSummary object : storage.list(bucket, prefix, LIST_PAGE).toIterable()) {
            entries.add(new Entry(object.location().key().substring(prefix.length()), object.size()));
        }
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    @Override
    public InputFile open(String path) {
        return storage.openInputFile(new S3Location(bucket, prefix + path));
    }
}
