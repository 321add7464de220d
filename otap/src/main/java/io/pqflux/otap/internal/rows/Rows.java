package io.pqflux.otap.internal.rows;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;

/** The rows of the exporter's tables, decoded into OTLP builders still missing their children. */
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
     * @param record            {@code LogRecord.Builder}, {@code Span.Builder} or {@code Metric.Builder}
     */
    public record Root(long id, String file, long fileRow, long resourceId, Resource resource, String resourceSchemaUrl,
                       long scopeId, InstrumentationScope scope, String scopeSchemaUrl, Message.Builder record)
            implements Keyed {

        @Override
        public boolean sameContent(Keyed next, boolean resource) {
            if (!(next instanceof Root other)) return true;
            return resource
                    ? java.util.Objects.equals(this.resource, other.resource) && resourceSchemaUrl.equals(other.resourceSchemaUrl)
                    : java.util.Objects.equals(scope, other.scope) && scopeSchemaUrl.equals(other.scopeSchemaUrl);
        }
    }

    /** A row of a table below the root with records of its own (events, links, data points, exemplars). */
    public record Child(long parentId, long id, String file, long fileRow, Message.Builder record) {
    }

    /** A row of an attribute table. */
    public record Attribute(long parentId, String file, long fileRow, KeyValue attribute) {
    }
}
