package io.pqflux.flink.internal.table;

import io.pqflux.filter.Predicate;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.parquet.ParquetSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * The {@code pqflux-parquet} table: a {@link ParquetSource} of table rows, reading the columns a query uses and
 * pruning by the filters pqflux can evaluate (Flink applies every filter to the rows as well, so a pruned read only
 * has to keep every row that may match).
 */
public final class ParquetTableSource implements ScanTableSource, SupportsProjectionPushDown, SupportsFilterPushDown {

    private final StoreLocation location;
    private final RowType table;
    private final Duration discovery;
    private final boolean useIndex;
    private RowType produced;
    private Predicate filter;

    public ParquetTableSource(StoreLocation location, RowType table, Duration discovery, boolean useIndex) {
        for (RowType.RowField field : table.getFields()) {
            if (!ParquetRowMapper.supported(field.getType().getTypeRoot())) {
                throw new ValidationException("column '" + field.getName() + "' of type " + field.getType()
                        + ": pqflux-parquet reads BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, STRING, BYTES,"
                        + " DATE, TIMESTAMP, TIMESTAMP_LTZ and DECIMAL columns (nested columns are not supported)");
            }
        }
        this.location = location;
        this.table = table;
        this.discovery = discovery;
        this.useIndex = useIndex;
        this.produced = table;
    }

    private ParquetTableSource(ParquetTableSource other) {
        this(other.location, other.table, other.discovery, other.useIndex);
        this.produced = other.produced;
        this.filter = other.filter;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        // a query that uses no column (a count) still reads one, for the rows
        RowType read = produced.getFieldCount() > 0 ? produced : new RowType(List.of(table.getFields().getFirst()));
        TypeInformation<RowData> type = context.createTypeInformation(TypeConversions.fromLogicalToDataType(produced));
        ParquetSource.Builder<RowData> builder = ParquetSource.of(location, read.getFieldNames(),
                new ParquetRowMapper(read, produced.getFieldCount()), type);
        if (filter != null) builder.filter(filter);
        if (!useIndex) builder.ignoreIndex();
        if (discovery != null) builder.continuous(discovery);
        return SourceProvider.of(builder.build());
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        produced = (RowType) producedDataType.getLogicalType();
    }

    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        Map<String, LogicalType> columns = new LinkedHashMap<>();
        for (RowType.RowField field : table.getFields()) columns.put(field.getName(), field.getType());
        FilterExpressions expressions = new FilterExpressions(columns);
        List<ResolvedExpression> accepted = new ArrayList<>();
        List<Predicate> predicates = new ArrayList<>();
        for (ResolvedExpression expression : filters) {
            Optional<Predicate> predicate = expressions.toPredicate(expression);
            if (predicate.isPresent()) {
                accepted.add(expression);
                predicates.add(predicate.get());
            }
        }
        if (!predicates.isEmpty()) {
            filter = predicates.size() == 1 ? predicates.getFirst() : Predicate.and(predicates.toArray(Predicate[]::new));
        }
        // pruning keeps whole row groups and pages: every filter stays Flink's to apply to the rows
        return Result.of(accepted, filters);
    }

    @Override
    public DynamicTableSource copy() {
        return new ParquetTableSource(this);
    }

    @Override
    public String asSummaryString() {
        return "pqflux-parquet(" + location + (filter != null ? ", filter " + filter : "") + ")";
    }
}
