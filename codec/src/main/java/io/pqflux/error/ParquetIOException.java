package io.pqflux.error;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The source could not be read: missing file, permission, network. Carries the underlying {@link IOException}. */
public final class ParquetIOException extends ParquetException {

    public ParquetIOException(String reason, SourceLocation location, IOException cause) {
        super(reason, location, cause);
    }

    /**
     * What an I/O failure means, in words for a one-line message: the JDK's file-system exceptions carry only the
     * path as their message, others may carry none.
     */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file";
            case AccessDeniedException a -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    @Override
    protected ParquetIOException withLocation(SourceLocation newLocation) {
        return new ParquetIOException(reason(), newLocation, (IOException) getCause());
    }
}
