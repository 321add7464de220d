package io.pqflux.error;

/**
 * An encrypted file (Parquet modular encryption) could not be decrypted: a key or the AAD prefix the file needs was
 * not given, or a module failed its authentication (a wrong key, or bytes altered after writing). The message names
 * the module: the footer, a column's metadata, page header, page, dictionary page, column index, offset index or
 * bloom filter. Never raised for a plaintext file.
 */
public final class DecryptionException extends ParquetException {

    /** What went wrong, for callers that react differently (ask for another key, report tampering). */
    public enum Problem {
        /** No key is known for the footer or a column: none given, and the key retriever returned none. */
        KEY_UNAVAILABLE,
        /** The file was encrypted with an AAD prefix it does not store, and none was given; or a different one was. */
        AAD_PREFIX,
        /** A module's GCM tag or the plaintext footer's signature did not verify: a wrong key or altered bytes. */
        AUTHENTICATION_FAILED
    }

    private final Problem problem;

    public DecryptionException(Problem problem, String reason, SourceLocation location) {
        this(problem, reason, location, null);
    }

    public DecryptionException(Problem problem, String reason, SourceLocation location, Throwable cause) {
        super(reason, location, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    @Override
    protected DecryptionException withLocation(SourceLocation newLocation) {
        return new DecryptionException(problem, reason(), newLocation, getCause());
    }
}
