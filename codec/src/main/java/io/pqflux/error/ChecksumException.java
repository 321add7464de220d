package io.pqflux.error;

/** A page's CRC-32 does not match its bytes (only raised when CRC verification is on). */
public final class ChecksumException extends CorruptFileException {

    public ChecksumException(String reason, SourceLocation location) {
        super(reason, location, null);
    }

    @Override
    protected ChecksumException withLocation(SourceLocation newLocation) {
        return new ChecksumException(reason(), newLocation);
    }
}
