package io.pqflux.otap.receiver;

import io.pqflux.error.ParquetIOException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A receiver's own failure, not the export's: a checkpoint that does not parse or cannot be written, an output file
 * shorter than the checkpoint says it was, an OTLP endpoint that refused a request or stayed unreachable. The message
 * names the file or request.
 */
public final class ReceiverException extends RuntimeException {

    public ReceiverException(String message) {
        super(message);
    }

    public ReceiverException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A file operation that failed: {@code FILE: cannot WHAT: REASON}, the reason in words (not the exception's class),
     * and the path the file system named when it is another one (a temporary file, a parent directory).
     */
    static ReceiverException io(Path file, String what, IOException e) {
        String other = e instanceof FileSystemException f && f.getFile() != null && !f.getFile().equals(file.toString())
                ? " (" + f.getFile() + ")" : "";
        return new ReceiverException(file + ": cannot " + what + ": " + ParquetIOException.reason(e) + other, e);
    }
}
