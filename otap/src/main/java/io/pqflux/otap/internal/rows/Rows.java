package io.pqflux.otap.internal.rows;

/** The rows of the exporter's tables, decoded into encoded OTLP messages still missing their children. */
public final class Rows {

    private Rows() {
    }

    /**
     * What a root row says about the exporter batch it belongs to: its id and its stored {@code resource.id} and
     * {@code scope.id} (each -1 when null), where batches begin and which shared attribute rows it claims.
     */
    public interface Keyed {
        long id();

        long resourceId();

        long scopeId();

        String file();

        long fileRow();

        /**
         * Whether this row and {@code next}, sharing a {@code resource.id} (or a {@code scope.id}), show the same
         * resource (scope): a batch has one resource per id, so a difference proves a batch boundary. Rows read without
         * their content ({@link RootIds}) cannot tell and say true.
         */
        default boolean sameContent(Keyed next, boolean resource) {
            return true;
        }
    }

    /** A root row read for its ids only: another signal's root, whose batches claim shared attribute rows too. */
    public record RootIds(long id, String file, long fileRow, long resourceId, long scopeId) implements Keyed {
    }

    /**
     * A row of a root table (a log record, span or metric).
     *
     * @param id                the row's id, or -1 when null (logs without attributes)
     * @param resourceId        {@code resource.id} as stored (the exporter does not offset it), or -1 when null
     * @param resource          the resource without attributes, or null when the {@code resource} struct is null
     * @param resourceSchemaUrl {@code resource.schema_url} (the {@code ResourceX}'s schema URL)
     * @param scopeId           {@code scope.id} as stored, or -1 when null
     * @param scope             the scope without attributes, or null when the {@code scope} struct is null
     * @param scopeSchemaUrl    the top-level {@code schema_url} (the {@code ScopeX}'s)
     * @param record            the log record, span or metric
     */
    public record Root(long id, String file, long fileRow, long resourceId, PartialMessage resource,
                       String resourceSchemaUrl, long scopeId, PartialMessage scope, String scopeSchemaUrl,
                       PartialMessage record) implements Keyed {

        @Override
        public boolean sameContent(Keyed next, boolean resource) {
            if (!(next instanceof Root other)) return true;
            return resource
                    ? same(this.resource, other.resource) && resourceSchemaUrl.equals(other.resourceSchemaUrl)
                    : same(scope, other.scope) && scopeSchemaUrl.equals(other.scopeSchemaUrl);
        }

        private static boolean same(PartialMessage a, PartialMessage b) {
            return a == null ? b == null : b != null && a.sameOwnFields(b);
        }
    }

    /** A row of a table below the root with records of its own (events, links, data points, exemplars). */
    public record Child(long parentId, long id, String file, long fileRow, PartialMessage record) {
    }

    /** A row of an attribute table: a {@code KeyValue}, and its key. */
    public record Attribute(long parentId, String file, long fileRow, String key, PartialMessage attribute) {
    }
}
