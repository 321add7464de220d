package io.pqflux.error;

import java.util.Objects;

/**
 * Root of the errors the domain read paths (Tempo blocks, OTAP exports) raise about one named source: a block, file,
 * directory or index, and a reason from the path's own enum. {@link #getMessage()} starts with the source, so a
 * one-line report names it; catch this type to handle every domain path's errors alike.
 */
public abstract class SourceException extends RuntimeException {

    private final String source;

    protected SourceException(String source, String message, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + message, cause);
        this.source = source;
    }

    /** The block, file, directory or index the error is about. */
    public String source() {
        return source;
    }

    /** Why, as the read path classifies it. */
    public abstract Enum<?> reason();
}
