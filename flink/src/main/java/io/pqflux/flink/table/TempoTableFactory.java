package io.pqflux.flink.table;

import io.pqflux.flink.internal.table.SpanColumn;
import io.pqflux.flink.internal.table.TableContext;
import io.pqflux.flink.internal.table.TempoSpansTableSource;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;

/**
 * {@code 'connector' = 'pqflux-tempo'}: a Tempo tenant's spans as a table, one row per span. The table declares any
 * of the span columns ({@code trace_id, span_id, parent_span_id, name, kind, start_time, end_time, duration_nanos,
 * status_code, status_message, service_name, scope_name, scope_version, attributes, resource_attributes}; see
 * {@code docs/scale-out.md} for their types). Projection is pushed down (attributes are read only when a query uses
 * them), and so are bounds on {@code start_time} and {@code end_time}: blocks outside them are not opened, row groups
 * outside them are not read.
 *
 * <pre>{@code
 * CREATE TABLE spans (service_name STRING, name STRING, start_time TIMESTAMP_LTZ(9), duration_nanos BIGINT)
 *     WITH ('connector' = 'pqflux-tempo', 'path' = 's3://traces', 'tenant' = 'single-tenant')
 * }</pre>
 */
public final class TempoTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "pqflux-tempo";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PqfluxTableOptions.PATH, PqfluxTableOptions.TENANT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        TableContext table = TableContext.of(this, context);
        return new TempoSpansTableSource(table.location(), table.options().get(PqfluxTableOptions.TENANT), SpanColumn.of(table.schema()));
    }
}
