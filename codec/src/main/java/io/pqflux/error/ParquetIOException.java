package io.pqflux.error;

import java.io.IOException;

/** The source could not be read: missing file, permission, network. Carries the underlying {@link IOException}. */
public final class ParquetIOException extends ParquetException {

    public ParquetIOException(String reason, SourceLocation location, IOException cause) {
        super(reason, location, cause);
    }

    @Override
    protected ParquetIOException withLocation(SourceLocation newLocation) {
        return new ParquetIOException(reason(), newLocation, (IOException) getCause());
    }
}
