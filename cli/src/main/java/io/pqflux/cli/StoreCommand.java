package io.pqflux.cli;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command whose first argument ({@link #file()}) is a directory or a store URI with the storage options: the store
 * behind it, opened on first use and closed when the command ends.
 */
abstract class StoreCommand implements FileCommand, Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StorageOptions storage;

    /** The store behind the first argument, once opened. */
    private ObjectStore store;

    /** The store behind the first argument: a local directory, or a store URI opened with the storage options. */
    ObjectStore store() {
        if (store == null) store = ObjectStores.isUri(file()) ? storage.openUri(file()) : ObjectStores.local(Path.of(file()));
        return store;
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } finally {
            if (store != null) store.close();
        }
    }

    abstract Integer run() throws Exception;
}
