package io.pqflux.cli;

import io.pqflux.io.InputFile;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestMetrics;

/**
 * An opened FILE argument: the input for the reader, which takes it over and closes it, and for an object the
 * store it came from, closed here after the reader.
 */
final class InputSource implements AutoCloseable {

    private final InputFile input;
    private final ObjectStore store;

    private InputSource(InputFile input, ObjectStore store) {
        this.input = input;
        this.store = store;
    }

    static InputSource local(InputFile file) {
        return new InputSource(file, null);
    }

    static InputSource object(ObjectStore store, InputFile object) {
        return new InputSource(object, store);
    }

    InputFile input() {
        return input;
    }

    /** Requests and bytes fetched so far from object storage; {@code null} for a local file. */
    RequestMetrics requests() {
        return input.feature(RemoteObject.class).map(RemoteObject::metrics).orElse(null);
    }

    @Override
    public void close() {
        if (store != null) store.close();
    }
}
