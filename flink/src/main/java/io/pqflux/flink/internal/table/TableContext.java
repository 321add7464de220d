package io.pqflux.flink.internal.table;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.table.PqfluxTableOptions;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * What a pqflux table factory reads from a {@code CREATE TABLE}: its options (validated against the factory's, the
 * {@code storage.*} ones passed through), its physical columns, and the location {@code path} and the storage options
 * make.
 */
public record TableContext(ReadableConfig options, RowType schema, StoreLocation location) {

    public static TableContext of(DynamicTableFactory factory, DynamicTableFactory.Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(factory, context);
        helper.validateExcept(PqfluxTableOptions.STORAGE_PREFIX);
        ReadableConfig options = helper.getOptions();
        Map<String, String> settings = new TreeMap<>();
        context.getCatalogTable().getOptions().forEach((key, value) -> {
            if (key.startsWith(PqfluxTableOptions.STORAGE_PREFIX)) settings.put(key.substring(PqfluxTableOptions.STORAGE_PREFIX.length()), value);
        });
        return new TableContext(options, (RowType) context.getPhysicalRowDataType().getLogicalType(),
                new StoreLocation(options.get(PqfluxTableOptions.PATH), settings));
    }
}
