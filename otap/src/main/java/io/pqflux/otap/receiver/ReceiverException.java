package io.pqflux.otap.receiver;

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
}
