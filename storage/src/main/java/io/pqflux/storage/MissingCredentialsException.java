package io.pqflux.storage;

/** A store found no credentials to sign its requests with; the message says where it looked. */
public final class MissingCredentialsException extends IllegalStateException {

    public MissingCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
