package io.pqflux.reactive.internal.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.Statistics;
import io.pqflux.format.meta.TimeUnit;
import io.pqflux.filter.SplitBlockBloomFilter;
import io.pqflux.filter.FileStatistics.ColumnStatistics;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dataset index sidecar as JSON (see docs/datasets.md): per file its identity, and per indexed column its type,
 * the chunk statistics of every row group and optionally a bloom filter of all its values. Byte arrays are base64.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexDocument(String format, int version, List<String> columns, List<IndexedFile> files) {

    public static final String FORMAT = "pqflux-dataset-index";
    public static final int VERSION = 1;

    /**
     * @param path      below the dataset root
     * @param version   modification time (local) or ETag (object storage) when indexed
     * @param rowGroups the file's row-group count
     * @param absent    indexed columns the file does not have (null in every row)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IndexedFile(String path, long length, String version, int rowGroups, List<String> absent,
                              Map<String, IndexedColumn> columns) {
    }

    /** @param order the file's column order for the column (TYPE_ORDER, ...), null when it has none */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IndexedColumn(IndexedType type, String order, List<ChunkStatistics> rowGroups, byte[] bloomFilter) {
    }

    /** A leaf column's type; {@code logical} as {@code STRING}, {@code DECIMAL(scale,precision)}, {@code TIMESTAMP(utc,unit)}... */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IndexedType(String physical, int length, String logical, String converted, int scale, int precision,
                              int maxDefinitionLevel) {
    }

    /** A column chunk's {@link Statistics} ({@code legacyMin}/{@code legacyMax}: the deprecated min/max) and value count. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChunkStatistics(long values, Long nulls, byte[] min, byte[] max, Boolean minExact, Boolean maxExact,
                                  Long nans, byte[] legacyMin, byte[] legacyMax) {
    }

    private static final Pattern ARGUMENTS = Pattern.compile("([A-Z0-9]+)(?:\\((\\w+),(\\w+)\\))?");

    /** The entry of a column, or null when its type cannot be written (a logical type without an order to prune on). */
    public static IndexedColumn column(ColumnStatistics statistics, SplitBlockBloomFilter bloom) {
        ColumnDescriptor c = statistics.column();
        String logical = c.logicalType() == null ? null : logical(c.logicalType());
        if (c.logicalType() != null && logical == null) return null;
        IndexedType type = new IndexedType(c.physicalType().name(), c.typeLength(), logical,
                c.convertedType() == null ? null : c.convertedType().name(), c.scale(), c.precision(),
                c.maxDefinitionLevel());
        List<ChunkStatistics> rowGroups = new ArrayList<>();
        for (int g = 0; g < statistics.rowGroups().size(); g++) {
            Statistics s = statistics.rowGroups().get(g);
            long values = statistics.valueCounts().get(g);
            rowGroups.add(s == null ? new ChunkStatistics(values, null, null, null, null, null, null, null, null)
                    : new ChunkStatistics(values, s.nullCount(), bytes(s.minValue()), bytes(s.maxValue()),
                    s.isMinValueExact(), s.isMaxValueExact(), s.nanCount(), bytes(s.min()), bytes(s.max())));
        }
        return new IndexedColumn(type, statistics.order() == null ? null : statistics.order().name(), rowGroups,
                bloom == null ? null : bloom.toByteArray());
    }

    /** The statistics an entry holds, for {@code FileStatistics.mayMatch}. */
    public static ColumnStatistics statistics(String path, IndexedColumn column) {
        IndexedType t = column.type();
        List<String> names = List.of(path.split("\\."));
        int definition = t.maxDefinitionLevel();
        FieldRepetitionType repetition = definition == 0 ? FieldRepetitionType.REQUIRED : FieldRepetitionType.OPTIONAL;
        ColumnDescriptor descriptor = new ColumnDescriptor(0, names.getLast(), names, PhysicalType.valueOf(t.physical()),
                t.length(), repetition, definition, 0, t.logical() == null ? null : logical(t.logical()),
                t.converted() == null ? null : ConvertedType.valueOf(t.converted()), t.scale(), t.precision(),
                Collections.nCopies(names.size(), repetition));
        List<Statistics> statistics = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (ChunkStatistics s : column.rowGroups()) {
            values.add(s.values());
            boolean none = s.nulls() == null && s.min() == null && s.max() == null && s.legacyMin() == null
                    && s.legacyMax() == null && s.nans() == null;
            statistics.add(none ? null : new Statistics(value(s.legacyMax()), value(s.legacyMin()), s.nulls(), null,
                    value(s.max()), value(s.min()), s.maxExact(), s.minExact(), s.nans()));
        }
        SplitBlockBloomFilter bloom = column.bloomFilter() == null ? null
                : new SplitBlockBloomFilter(MemorySegment.ofArray(column.bloomFilter()));
        return new ColumnStatistics(descriptor, column.order() == null ? null : ColumnOrder.valueOf(column.order()),
                statistics, values, bloom);
    }

    private static byte[] bytes(BinaryValue value) {
        return value == null ? null : value.toByteArray();
    }

    private static BinaryValue value(byte[] bytes) {
        return bytes == null ? null : BinaryValue.wrap(bytes);
    }

    /** The logical types whose values statistics can order or bloom filters can find; others are not indexed. */
    private static String logical(LogicalType type) {
        return switch (type) {
            case LogicalType.StringType t -> "STRING";
            case LogicalType.EnumType t -> "ENUM";
            case LogicalType.JsonType t -> "JSON";
            case LogicalType.BsonType t -> "BSON";
            case LogicalType.UuidType t -> "UUID";
            case LogicalType.DateType t -> "DATE";
            case LogicalType.Float16Type t -> "FLOAT16";
            case LogicalType.DecimalType t -> "DECIMAL(" + t.scale() + "," + t.precision() + ")";
            case LogicalType.IntType t -> "INT(" + t.bitWidth() + "," + t.isSigned() + ")";
            case LogicalType.TimeType t -> "TIME(" + t.isAdjustedToUtc() + "," + t.unit() + ")";
            case LogicalType.TimestampType t -> "TIMESTAMP(" + t.isAdjustedToUtc() + "," + t.unit() + ")";
            default -> null;
        };
    }

    private static LogicalType logical(String text) {
        Matcher m = ARGUMENTS.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("unknown logical type '" + text + "' in the dataset index");
        String a = m.group(2), b = m.group(3);
        return switch (m.group(1)) {
            case "STRING" -> new LogicalType.StringType();
            case "ENUM" -> new LogicalType.EnumType();
            case "JSON" -> new LogicalType.JsonType();
            case "BSON" -> new LogicalType.BsonType();
            case "UUID" -> new LogicalType.UuidType();
            case "DATE" -> new LogicalType.DateType();
            case "FLOAT16" -> new LogicalType.Float16Type();
            case "DECIMAL" -> new LogicalType.DecimalType(Integer.parseInt(a), Integer.parseInt(b));
            case "INT" -> new LogicalType.IntType(Integer.parseInt(a), Boolean.parseBoolean(b));
            case "TIME" -> new LogicalType.TimeType(Boolean.parseBoolean(a), TimeUnit.valueOf(b));
            case "TIMESTAMP" -> new LogicalType.TimestampType(Boolean.parseBoolean(a), TimeUnit.valueOf(b));
            default -> throw new IllegalArgumentException("unknown logical type '" + text + "' in the dataset index");
        };
    }

}
