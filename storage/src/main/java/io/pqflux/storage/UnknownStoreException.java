package io.pqflux.storage;

/** A location names a scheme no store module on the class or module path opens. */
public final class UnknownStoreException extends IllegalArgumentException {

    public UnknownStoreException(String message) {
        super(message);
    }
}
