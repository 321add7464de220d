package io.pqflux.error;

/**
 * Reading would need more memory than a configured limit allows, e.g. a page declaring a 2 GiB
 * uncompressed size. Raised before allocating, so the limit protects the process.
 */
public final class ResourceLimitException extends ParquetException {

    public ResourceLimitException(String reason) {
        this(reason, SourceLocation.UNKNOWN);
    }

    public ResourceLimitException(String reason, SourceLocation location) {
        super(reason, location, null);
    }

    @Override
    protected ResourceLimitException withLocation(SourceLocation newLocation) {
        return new ResourceLimitException(reason(), newLocation);
    }
}
