package io.pqflux.tempo;

import io.pqflux.tempo.internal.meta.MetaConverter;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's blocklist as the compactor publishes it in {@code <tenant>/index.json.gz}: listing a tenant through the
 * index costs one read instead of one {@code meta.json} read per block (tens of thousands in production).
 *
 * @param createdAt when the index was written; blocks flushed since are missing from it
 * @param metas     the live blocks
 * @param compacted blocks compacted away, each with {@link BlockMeta#compactedTime()}; queriers keep searching them
 *                  for a while because the blocks that replace them may not be visible yet
 */
public record TenantIndex(Instant createdAt, List<BlockMeta> metas, List<BlockMeta> compacted) {

    public TenantIndex {
        Objects.requireNonNull(createdAt, "createdAt");
        metas = List.copyOf(metas);
        compacted = List.copyOf(compacted);
    }

    /**
     * Parses a gzip-compressed JSON tenant index ({@code created_at}, {@code meta}, {@code compacted}), streaming: one
     * meta is materialised at a time, and blocks with the same dedicated columns share one list. Reads {@code in} to
     * the end and closes it.
     *
     * @param source the index file, named in errors (entries are named as {@code source meta[i]})
     * @throws TempoException              {@link TempoException.Reason#BAD_META} for data that is not gzip, malformed
     *                                     JSON, a missing {@code created_at} or a bad entry (see {@link BlockMeta#parse});
     *                                     {@link TempoException.Reason#UNSUPPORTED_DEDICATED_COLUMN} as there
     * @throws java.io.UncheckedIOException when reading {@code in} fails
     */
    public static TenantIndex parseGzip(InputStream in, String source) {
        return MetaConverter.parseTenantIndexGzip(in, source);
    }
}
