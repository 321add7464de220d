package io.pqflux.error;

/** A valid file uses something pqflux does not read (yet): an encoding, a codec, encryption, a schema shape. */
public final class UnsupportedFeatureException extends ParquetException {

    public UnsupportedFeatureException(String reason) {
        this(reason, SourceLocation.UNKNOWN);
    }

    public UnsupportedFeatureException(String reason, SourceLocation location) {
        super("unsupported: " + reason, location, null);
    }

    private UnsupportedFeatureException(SourceLocation location, String fullReason) {
        super(fullReason, location, null);
    }

    @Override
    protected UnsupportedFeatureException withLocation(SourceLocation newLocation) {
        return new UnsupportedFeatureException(newLocation, reason());
    }
}
