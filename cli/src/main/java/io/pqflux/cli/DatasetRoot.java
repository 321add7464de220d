package io.pqflux.cli;

import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An opened DIR argument: the dataset (a local directory, or the objects below a store's prefix), where its index
 * sidecar would be, and for object storage the store, closed here.
 */
final class DatasetRoot implements AutoCloseable {

    private final Dataset dataset;
    private final Path directory;
    private final ObjectStore store;

    private DatasetRoot(Dataset dataset, Path directory, ObjectStore store) {
        this.dataset = dataset;
        this.directory = directory;
        this.store = store;
    }

    static DatasetRoot local(Path directory) {
        return new DatasetRoot(Dataset.local(directory), directory, null);
    }

    static DatasetRoot object(ObjectStore store) {
        return new DatasetRoot(Dataset.of(store), null, store);
    }

    Dataset dataset() {
        return dataset;
    }

    boolean isObjectStorage() {
        return store != null;
    }

    /** The local path of the index sidecar ({@code DIR/_pqflux_index.json}); null for object storage. */
    Path localSidecar() {
        return directory == null ? null : directory.resolve(DatasetIndex.FILE_NAME);
    }

    /** Where the sidecar is: a path or a URI. */
    String sidecarName() {
        return directory != null ? localSidecar().toString() : store.describe(DatasetIndex.FILE_NAME);
    }

    /** The index sidecar in the dataset root, or null when there is none. */
    DatasetIndex readSidecar() {
        if (directory != null) {
            Path sidecar = localSidecar();
            return Files.isRegularFile(sidecar) ? DatasetIndex.read(sidecar) : null;
        }
        byte[] json = store.readBytes(DatasetIndex.FILE_NAME).block();
        return json == null ? null : DatasetIndex.read(new ByteArrayInputStream(json));
    }

    @Override
    public void close() {
        if (store != null) store.close();
    }
}
