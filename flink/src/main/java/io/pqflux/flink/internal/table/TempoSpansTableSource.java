package io.pqflux.flink.internal.table;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.tempo.TempoSource;
import io.pqflux.tempo.SpanWithContext;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * The {@code pqflux-tempo} table: a {@link TempoSource} of spans made into rows on the readers. The preset follows the
 * columns a query reads (attributes need {@code FULL}, the rest {@code SPANS}); {@code trace_id = '…'} becomes the
 * source's trace-ID range (a FindTraceByID: only the row groups and pages that can hold the trace are read); bounds on
 * {@code start_time} and {@code end_time} become the source's time range. A span within such a bound belongs to a trace overlapping it, so
 * the range keeps every span the filter keeps; Flink still applies the filter to the rows.
 */
public final class TempoSpansTableSource implements ScanTableSource, SupportsProjectionPushDown, SupportsFilterPushDown {

    /** The widest range a trace's nanosecond times can express. */
    private static final Instant FIRST = Instant.EPOCH;
    private static final Instant LAST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private final StoreLocation location;
    private final String tenant;
    private List<SpanColumn> produced;
    private Instant from;
    private Instant to;
    private TraceId traceId;

    public TempoSpansTableSource(StoreLocation location, String tenant, List<SpanColumn> columns) {
        this.location = location;
        this.tenant = tenant;
        this.produced = List.copyOf(columns);
    }

    private TempoSpansTableSource(TempoSpansTableSource other) {
        this(other.location, other.tenant, other.produced);
        this.from = other.from;
        this.to = other.to;
        this.traceId = other.traceId;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        RowType rowType = new RowType(produced.stream().map(c -> new RowType.RowField(c.column(), type(c))).toList());
        TypeInformation<RowData> type = context.createTypeInformation(TypeConversions.fromLogicalToDataType(rowType));
        TempoSource.Builder<SpanWithContext> builder = TempoSource.spans(location, tenant)
                .preset(produced.stream().anyMatch(SpanColumn::needsAttributes) ? TracePreset.FULL : TracePreset.SPANS);
        if (from != null || to != null) builder.timeRange(from != null ? from : FIRST, to != null ? to : LAST);
        if (traceId != null) builder.traceIds(traceId, traceId);
        return SourceProvider.of(builder.build(new SpanRows(produced), type));
    }

    private static LogicalType type(SpanColumn column) {
        return switch (column) {
            case START_TIME, END_TIME -> new LocalZonedTimestampType(9);
            case DURATION_NANOS -> new BigIntType();
            case ATTRIBUTES, RESOURCE_ATTRIBUTES -> new MapType(
                    new VarCharType(Integer.MAX_VALUE),
                    new VarCharType(Integer.MAX_VALUE));
            default -> new VarCharType(Integer.MAX_VALUE);
        };
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        produced = SpanColumn.of((RowType) producedDataType.getLogicalType());
    }

    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        List<ResolvedExpression> accepted = new ArrayList<>();
        Instant lower = null;
        Instant upper = null;
        for (ResolvedExpression filter : filters) {
            Optional<TraceId> id = traceId(filter);
            if (id.isPresent()) {
                // "trace_id = X" and "trace_id = Y" with X != Y match nothing: Flink's filter finds that; one is read
                if (traceId == null) {
                    traceId = id.get();
                    accepted.add(filter);
                }
                continue;
            }
            Optional<Bound> bound = bound(filter);
            if (bound.isEmpty()) continue;
            accepted.add(filter);
            Instant at = bound.get().at().isBefore(FIRST) ? FIRST : bound.get().at().isAfter(LAST) ? LAST : bound.get().at();
            if (bound.get().lower() && (lower == null || at.isAfter(lower))) lower = at;
            if (bound.get().upper() && (upper == null || at.isBefore(upper))) upper = at;
        }
        if (lower != null && upper != null && lower.isAfter(upper)) {
            // contradictory bounds: no span matches, which Flink's filter finds without a time range here
            accepted.removeIf(filter -> bound(filter).isPresent());
            return Result.of(accepted, filters);
        }
        from = lower;
        to = upper;
        return Result.of(accepted, filters);
    }

    /**
     * The trace of {@code trace_id = 'hex'}: the hex parsed as Tempo pads IDs, so an ID the column cannot equal (upper
     * case, or the 16 digits of a 64-bit ID) still reads a superset of the matching rows, which Flink then filters.
     */
    private static Optional<TraceId> traceId(ResolvedExpression filter) {
        Optional<ColumnComparison> comparison = ColumnComparison.of(filter)
                .filter(c -> c.column().equals(SpanColumn.TRACE_ID.column()) && c.is(BuiltInFunctionDefinitions.EQUALS));
        try {
            return comparison.flatMap(c -> c.literal().getValueAs(String.class)).map(TraceId::parseHex);
        } catch (TempoException notAnId) {
            // not hex, or too long: no span's ID equals it, which Flink's filter finds
            return Optional.empty();
        }
    }

    /** A time bound a span's start or end gives its trace: from {@code at} on (lower), up to {@code at} (upper), or both. */
    private record Bound(Instant at, boolean lower, boolean upper) {
    }

    private static Optional<Bound> bound(ResolvedExpression filter) {
        Optional<ColumnComparison> comparison = ColumnComparison.of(filter).filter(c ->
                c.column().equals(SpanColumn.START_TIME.column()) || c.column().equals(SpanColumn.END_TIME.column()));
        if (comparison.isEmpty()) return Optional.empty();
        ColumnComparison c = comparison.get();
        boolean lower = c.is(BuiltInFunctionDefinitions.EQUALS, BuiltInFunctionDefinitions.GREATER_THAN,
                BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL);
        boolean upper = c.is(BuiltInFunctionDefinitions.EQUALS, BuiltInFunctionDefinitions.LESS_THAN,
                BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL);
        if (!lower && !upper) return Optional.empty();
        return c.literal().getValueAs(Instant.class).map(at -> new Bound(at, lower, upper));
    }

    @Override
    public DynamicTableSource copy() {
        return new TempoSpansTableSource(this);
    }

    @Override
    public String asSummaryString() {
        return "pqflux-tempo(" + location + ", " + tenant + (from != null || to != null ? ", " + from + " .. " + to : "")
                + (traceId != null ? ", trace " + traceId.toHex() : "") + ")";
    }
}
