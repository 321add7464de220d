package io.pqflux.error;

/**
 * Root of every error pqflux raises about a Parquet source. The message is the bare cause
 * ({@link #reason()}); {@link #getMessage()} prefixes the location so a one-line report names the file,
 * row group, column and byte offset wherever they are known.
 */
public abstract sealed class ParquetException extends RuntimeException
        permits CorruptFileException, UnsupportedFeatureException, ParquetIOException, ResourceLimitException,
        DecryptionException {

    private final String reason;
    private final SourceLocation location;

    protected ParquetException(String reason, SourceLocation location, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
        this.location = location == null ? SourceLocation.UNKNOWN : location;
    }

    public String reason() {
        return reason;
    }

    public SourceLocation location() {
        return location;
    }

    /** The same error with the missing parts of its location filled from {@code outer}. */
    public final ParquetException locatedIn(SourceLocation outer) {
        SourceLocation merged = location.orElse(outer);
        if (merged.equals(location)) return this;
        ParquetException copy = withLocation(merged);
        copy.setStackTrace(getStackTrace());
        for (Throwable suppressed : getSuppressed()) copy.addSuppressed(suppressed);
        return copy;
    }

    protected abstract ParquetException withLocation(SourceLocation newLocation);

    @Override
    public String getMessage() {
        return location.isUnknown() ? reason : location + ": " + reason;
    }
}
