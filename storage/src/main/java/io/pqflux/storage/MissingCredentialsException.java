package io.pqflux.storage;

/** A store found no credentials to sign its requests with; the message says where it looked. */
public final class MissingCredentialsException extends IllegalStateException {

    private final String scheme;

    /** @param scheme the URI scheme of the store ({@code s3}, {@code az}) */
    public MissingCredentialsException(String scheme, String message, Throwable cause) {
        super(message, cause);
        this.scheme = scheme;
    }

    /** The URI scheme of the store that found none ({@code s3}, {@code az}). */
    public String scheme() {
        return scheme;
    }
}
