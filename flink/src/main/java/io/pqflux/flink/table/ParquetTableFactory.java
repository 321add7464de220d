package io.pqflux.flink.table;

import io.pqflux.flink.internal.table.ParquetTableSource;
import io.pqflux.flink.internal.table.TableContext;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;

/**
 * {@code 'connector' = 'pqflux-parquet'}: a dataset of Parquet files as a table. Each column of the table is a leaf of
 * the files (by dotted path) or a partition key of their {@code key=value} folders; a column a file lacks reads as
 * null. Projection and filters are pushed down: the filters prune files by partition values and the index sidecar,
 * row groups by statistics and pages by the page index (Flink still applies every filter to the rows).
 *
 * <pre>{@code
 * CREATE TABLE events (id BIGINT, name STRING, `year` BIGINT)
 *     WITH ('connector' = 'pqflux-parquet', 'path' = 's3://lake/events', 'storage.region' = 'eu-west-1')
 * }</pre>
 */
public final class ParquetTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "pqflux-parquet";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PqfluxTableOptions.PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(PqfluxTableOptions.DISCOVERY_INTERVAL, PqfluxTableOptions.USE_INDEX);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        TableContext table = TableContext.of(this, context);
        return new ParquetTableSource(table.location(), table.schema(),
                table.options().getOptional(PqfluxTableOptions.DISCOVERY_INTERVAL).orElse(null), table.options().get(PqfluxTableOptions.USE_INDEX));
    }
}
