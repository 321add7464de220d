package io.pqflux.cli;

import io.pqflux.io.InputFile;
import io.pqflux.reactive.s3.S3InputFile;
import io.pqflux.reactive.s3.S3Metrics;
import io.pqflux.reactive.s3.S3Storage;

/**
 * An opened FILE argument: the input for the reader, which takes it over and closes it, and for an object the
 * storage it came from, closed here after the reader.
 */
final class InputSource implements AutoCloseable {

    private final InputFile input;
    private final S3Storage storage;

    private InputSource(InputFile input, S3Storage storage) {
        this.input = input;
        this.storage = storage;
    }

    static InputSource local(InputFile file) {
        return new InputSource(file, null);
    }

    static InputSource object(S3Storage storage, S3InputFile object) {
        return new InputSource(object, storage);
    }

    InputFile input() {
        return input;
    }

    /** Requests and bytes fetched so far from object storage; {@code null} for a local file. */
    S3Metrics requests() {
        return input instanceof S3InputFile object ? object.metrics() : null;
    }

    @Override
    public void close() {
        if (storage != null) storage.close();
    }
}
