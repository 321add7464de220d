package io.pqflux.error;

/** The bytes contradict the Parquet format or themselves: bad magic, truncated data, impossible sizes. */
public sealed class CorruptFileException extends ParquetException permits ChecksumException, InvalidAnnotationException {

    public CorruptFileException(String reason) {
        this(reason, SourceLocation.UNKNOWN, null);
    }

    public CorruptFileException(String reason, Throwable cause) {
        this(reason, SourceLocation.UNKNOWN, cause);
    }

    public CorruptFileException(String reason, SourceLocation location) {
        this(reason, location, null);
    }

    public CorruptFileException(String reason, SourceLocation location, Throwable cause) {
        super(reason, location, cause);
    }

    @Override
    protected CorruptFileException withLocation(SourceLocation newLocation) {
        return new CorruptFileException(reason(), newLocation, getCause());
    }
}
