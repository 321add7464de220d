package io.pqflux.otap;

import io.pqflux.error.SourceException;
import java.util.Objects;

/**
 * An error about an OTAP export rather than about Parquet: a table file whose columns are not what the exporter writes,
 * a value that does not decode, a base that is not an export. The message names the file (or directory) and what was
 * wrong; Parquet-level failures stay {@link io.pqflux.error.ParquetException}s.
 */
public final class OtapException extends SourceException {

    /** What kind of failure, for callers that react differently (quarantine a file, give up). */
    public enum Reason {
        /** A directory or file name that is not the exporter's layout. */
        BAD_LAYOUT,
        /** A table file lacking a column the join needs, or holding it with a type the exporter never writes. */
        BAD_SCHEMA,
        /** A stored value that does not decode: CBOR that is not an AnyValue, an unknown value type. */
        BAD_VALUE,
        /** Something the exporter could write but this reader does not support yet, such as 64-bit ids. */
        UNSUPPORTED,
        /** A base that holds no export: no such directory or prefix, or no complete table files in it. */
        NOT_FOUND
    }

    private final Reason reason;

    public OtapException(Reason reason, String source, String message) {
        this(reason, source, message, null);
    }

    public OtapException(Reason reason, String source, String message, Throwable cause) {
        super(source, message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    @Override
    public Reason reason() {
        return reason;
    }
}
