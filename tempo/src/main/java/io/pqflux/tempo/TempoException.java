package io.pqflux.tempo;

import io.pqflux.error.SourceException;
import java.util.Objects;

/**
 * An error about a Tempo block or tenant rather than about Parquet: a meta that cannot be read, a format or option this
 * reader does not know, a missing bloom shard, a trace over the size limit. The message names the source (the block
 * directory, the file or the tenant index) and what was wrong with it; Parquet-level failures inside a block stay
 * {@link io.pqflux.error.ParquetException}s.
 */
public final class TempoException extends SourceException {

    /** What kind of failure, for callers that react differently (skip a block, report the request, give up). */
    public enum Reason {
        /** {@code meta.json}, a tenant index or a block's {@code index} that is not what Tempo writes. */
        BAD_META,
        /** A {@code meta.format} this reader does not read. */
        UNSUPPORTED_FORMAT,
        /** A dedicated-column scope, type or option this reader does not know. */
        UNSUPPORTED_DEDICATED_COLUMN,
        /** A {@code data.parquet} whose columns match none of the layouts of its format. */
        UNKNOWN_LAYOUT,
        /** A {@code bloom-N} file that the meta promises but the block lacks, or that is malformed. */
        BAD_BLOOM,
        /** A stored value that does not decode, such as an attribute's protobuf-JSON that is not an AnyValue. */
        BAD_VALUE,
        /** A trace larger than the configured maximum. */
        TRACE_TOO_LARGE,
        /** A trace ID that is not 1 to 32 hex digits (or 1 to 16 bytes). */
        BAD_TRACE_ID,
        /** A tenant that is not there: a root that does not exist or holds no such tenant, or a folder of other things. */
        NOT_FOUND
    }

    private final Reason reason;

    public TempoException(Reason reason, String source, String message) {
        this(reason, source, message, null);
    }

    public TempoException(Reason reason, String source, String message, Throwable cause) {
        super(source, message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    @Override
    public Reason reason() {
        return reason;
    }
}
