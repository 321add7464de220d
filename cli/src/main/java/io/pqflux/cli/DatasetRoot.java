package io.pqflux.cli;

import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.reactive.s3.S3InputFile;
import io.pqflux.reactive.s3.S3Location;
import io.pqflux.reactive.s3.S3Storage;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An opened DIR argument: the dataset (a local directory, or the objects below an {@code s3://} prefix), where its
 * index sidecar would be, and for object storage the storage, closed here.
 */
final class DatasetRoot implements AutoCloseable {

    private final Dataset dataset;
    private final Path directory;
    private final S3Storage storage;
    private final String bucket;
    private final String prefix;

    private DatasetRoot(Dataset dataset, Path directory, S3Storage storage, String bucket, String prefix) {
        this.dataset = dataset;
        this.directory = directory;
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    static DatasetRoot local(Path directory) {
        return new DatasetRoot(Dataset.local(directory), directory, null, null, null);
    }

    /** @param prefix the folder below the bucket, "" for the whole bucket */
    static DatasetRoot object(S3Storage storage, String bucket, String prefix) {
        return new DatasetRoot(Dataset.s3(storage, bucket, prefix), null, storage, bucket, prefix);
    }

    Dataset dataset() {
        return dataset;
    }

    boolean isObjectStorage() {
        return storage != null;
    }

    /** The local path of the index sidecar ({@code DIR/_pqflux_index.json}); null for object storage. */
    Path localSidecar() {
        return directory == null ? null : directory.resolve(DatasetIndex.FILE_NAME);
    }

    /** Where the sidecar is: a path or an s3:// URI. */
    String sidecarName() {
        return directory != null ? localSidecar().toString() : sidecarLocation().toString();
    }

    /** The index sidecar in the dataset root, or null when there is none. */
    DatasetIndex readSidecar() {
        if (directory != null) {
            Path sidecar = localSidecar();
            return Files.isRegularFile(sidecar) ? DatasetIndex.read(sidecar) : null;
        }
        S3Location location = sidecarLocation();
        // a listing of the exact key tells absence apart from failure without a failed request
        boolean present = Boolean.TRUE.equals(storage.list(bucket, location.key(), 1)
                .any(object -> object.location().key().equals(location.key())).block());
        if (!present) return null;
        try (S3InputFile sidecar = storage.openInputFile(location); Arena arena = Arena.ofConfined()) {
            byte[] json = sidecar.read(0, sidecar.length(), arena).toArray(ValueLayout.JAVA_BYTE);
            return DatasetIndex.read(new ByteArrayInputStream(json));
        }
    }

    private S3Location sidecarLocation() {
        String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        return new S3Location(bucket, folder + DatasetIndex.FILE_NAME);
    }

    @Override
    public void close() {
        if (storage != null) storage.close();
    }
}
