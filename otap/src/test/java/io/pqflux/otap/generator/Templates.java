package io.pqflux.otap.generator;

import static io.pqflux.otap.generator.ArrowField.ArrowType.BINARY;
import static io.pqflux.otap.generator.ArrowField.ArrowType.BOOL;
import static io.pqflux.otap.generator.ArrowField.ArrowType.DURATION_NS;
import static io.pqflux.otap.generator.ArrowField.ArrowType.FIXED_16;
import static io.pqflux.otap.generator.ArrowField.ArrowType.FIXED_8;
import static io.pqflux.otap.generator.ArrowField.ArrowType.FLOAT64;
import static io.pqflux.otap.generator.ArrowField.ArrowType.INT32;
import static io.pqflux.otap.generator.ArrowField.ArrowType.INT64;
import static io.pqflux.otap.generator.ArrowField.ArrowType.TIMESTAMP_NS;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT16;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT32;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT64;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UINT8;
import static io.pqflux.otap.generator.ArrowField.ArrowType.UTF8;
import static io.pqflux.otap.generator.ArrowField.of;

import io.pqflux.otap.OtapTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The exporter's per-table templates (docs/otap-format.md §7.1, §8) and the schema normalisation that rebuilds every
 * batch against them: template column order, batch columns missing from the template dropped, template columns missing
 * from the batch materialised all-null (nullable template field) or default-filled (non-nullable), recursively inside
 * structs. A column present in the batch keeps its own type and nullability.
 *
 * <p>As in upstream's {@code get_struct_full_of_nulls_or_defaults}, a materialised struct column is never null itself
 * (its validity buffer is absent): its children are null or default. For {@code body} that is the same value as a null
 * struct (type 0 = empty).
 */
final class Templates {

    static final ArrowField RESOURCE = ArrowField.struct("resource", true,
            of("id", UINT16, true), of("schema_url", UTF8, true), of("dropped_attributes_count", UINT32, true));
    static final ArrowField SCOPE = ArrowField.struct("scope", true,
            of("id", UINT16, true), of("name", UTF8, true), of("version", UTF8, true),
            of("dropped_attributes_count", UINT32, true));
    static final ArrowField BODY = ArrowField.struct("body", true,
            of("type", UINT8, false), of("str", UTF8, true), of("int", INT64, true), of("double", FLOAT64, true),
            of("bool", BOOL, true), of("bytes", BINARY, true), of("ser", BINARY, true));

    private static final List<ArrowField> LOGS = List.of(
            of("id", UINT16, true), RESOURCE.withNullable(false), SCOPE, of("schema_url", UTF8, false),
            of("time_unix_nano", TIMESTAMP_NS, false), of("observed_time_unix_nano", TIMESTAMP_NS, false),
            of("trace_id", FIXED_16, true), of("span_id", FIXED_8, true), of("severity_number", INT32, true),
            of("severity_text", UTF8, true), BODY, of("dropped_attributes_count", UINT32, false),
            of("event_name", UTF8, true), of("flags", UINT32, false));

    private static final List<ArrowField> SPANS = List.of(
            of("id", UINT16, true), RESOURCE, SCOPE, of("schema_url", UTF8, false),
            of("start_time_unix_nano", TIMESTAMP_NS, false), of("duration_time_unix_nano", DURATION_NS, false),
            of("trace_id", FIXED_16, false), of("span_id", FIXED_8, false), of("trace_state", UTF8, true),
            of("parent_span_id", FIXED_8, true), of("name", UTF8, false), of("kind", INT32, true),
            of("dropped_attributes_count", UINT32, true), of("dropped_events_count", UINT32, true),
            of("dropped_links_count", UINT32, true),
            ArrowField.struct("status", true, of("code", INT32, true), of("status_message", UTF8, true)));

    private static final List<ArrowField> SPAN_EVENTS = List.of(
            of("id", UINT32, true), of("parent_id", UINT16, false), of("time_unix_nano", TIMESTAMP_NS, true),
            of("name", UTF8, false), of("dropped_attributes_count", UINT32, true));

    private static final List<ArrowField> SPAN_LINKS = List.of(
            of("id", UINT32, true), of("parent_id", UINT16, false), of("trace_id", FIXED_16, true),
            of("span_id", FIXED_8, true), of("trace_state", UTF8, true), of("dropped_attributes_count", UINT32, true));

    private static final List<ArrowField> METRICS = List.of(
            of("id", UINT16, true), RESOURCE.withNullable(false), SCOPE.withNullable(false), of("schema_url", UTF8, false),
            of("metric_type", UINT8, false), of("name", UTF8, false), of("description", UTF8, false),
            of("unit", UTF8, false), of("aggregation_temporality", INT32, true),
            of("dropped_attributes_count", UINT32, true));

    private static final ArrowField U64_LIST = ArrowField.list("bucket_counts", false, of("item", UINT64, true));

    private static final List<ArrowField> NUMBER_DATA_POINTS = List.of(
            of("id", UINT32, false), of("parent_id", UINT16, false), of("start_time_unix_nano", TIMESTAMP_NS, true),
            of("time_unix_nano", TIMESTAMP_NS, true), of("int_value", INT64, true), of("double_value", FLOAT64, true),
            of("flags", UINT32, false));

    private static final List<ArrowField> SUMMARY_DATA_POINTS = List.of(
            of("id", UINT32, false), of("parent_id", UINT16, false), of("start_time_unix_nano", TIMESTAMP_NS, false),
            of("time_unix_nano", TIMESTAMP_NS, false), of("count", UINT64, false), of("sum", FLOAT64, false),
            ArrowField.list("quantile", true, ArrowField.struct("item", true,
                    of("quantile", FLOAT64, true), of("value", FLOAT64, true))),
            of("flags", UINT32, false));

    private static final List<ArrowField> HISTOGRAM_DATA_POINTS = List.of(
            of("id", UINT32, false), of("parent_id", UINT16, false), of("start_time_unix_nano", TIMESTAMP_NS, false),
            of("time_unix_nano", TIMESTAMP_NS, false), of("count", UINT64, false), of("sum", FLOAT64, true),
            U64_LIST, ArrowField.list("explicit_bounds", true, of("item", FLOAT64, true)),
            of("flags", UINT32, false), of("min", FLOAT64, true), of("max", FLOAT64, true));

    static final ArrowField BUCKETS = ArrowField.struct("positive", true, of("offset", INT32, true), U64_LIST.withNullable(true));

    private static final List<ArrowField> EXP_HISTOGRAM_DATA_POINTS = List.of(
            of("id", UINT32, false), of("parent_id", UINT16, false), of("start_time_unix_nano", TIMESTAMP_NS, false),
            of("time_unix_nano", TIMESTAMP_NS, false), of("count", UINT64, false), of("sum", FLOAT64, true),
            of("scale", INT32, false), of("zero_count", UINT64, false), BUCKETS,
            new ArrowField("negative", BUCKETS.type(), true, BUCKETS.children()),
            of("flags", UINT32, false), of("min", FLOAT64, true), of("max", FLOAT64, true));

    /** {@code double_value} is typed Int64 in upstream's template: a batch without double exemplars gets Int64 zeros. */
    private static final List<ArrowField> EXEMPLARS = List.of(
            of("id", UINT32, true), of("parent_id", UINT32, false), of("time_unix_nano", TIMESTAMP_NS, false),
            of("int_value", INT64, false), of("double_value", INT64, false), of("span_id", FIXED_8, true),
            of("trace_id", FIXED_16, true));

    private static List<ArrowField> attributes(ArrowField.ArrowType parentId) {
        return List.of(of("parent_id", parentId, false), of("key", UTF8, false), of("type", UINT8, false),
                of("str", UTF8, true), of("int", INT64, true), of("double", FLOAT64, true), of("bool", BOOL, true),
                of("bytes", BINARY, true), of("ser", BINARY, true));
    }

    private Templates() {
    }

    /** The template of a table, in file column order. */
    static List<ArrowField> forTable(OtapTable table) {
        return switch (table) {
            case LOGS -> LOGS;
            case SPANS -> SPANS;
            case SPAN_EVENTS -> SPAN_EVENTS;
            case SPAN_LINKS -> SPAN_LINKS;
            case UNIVARIATE_METRICS, MULTIVARIATE_METRICS -> METRICS;
            case NUMBER_DATA_POINTS -> NUMBER_DATA_POINTS;
            case SUMMARY_DATA_POINTS -> SUMMARY_DATA_POINTS;
            case HISTOGRAM_DATA_POINTS -> HISTOGRAM_DATA_POINTS;
            case EXP_HISTOGRAM_DATA_POINTS -> EXP_HISTOGRAM_DATA_POINTS;
            case NUMBER_DP_EXEMPLARS, HISTOGRAM_DP_EXEMPLARS, EXP_HISTOGRAM_DP_EXEMPLARS -> EXEMPLARS;
            case RESOURCE_ATTRS, SCOPE_ATTRS, LOG_ATTRS, SPAN_ATTRS, METRIC_ATTRS -> attributes(UINT16);
            default -> attributes(UINT32);
        };
    }

    /** The template's column names in order: what docs/otap-format.md §8 lists for the table. */
    static List<String> columnNames(OtapTable table) {
        return forTable(table).stream().map(ArrowField::name).toList();
    }

    static TableBatch normalise(TableBatch batch) {
        return new TableBatch(batch.table(), normalise(forTable(batch.table()), batch.columns(), batch.rows()), batch.rows());
    }

    private static List<Column> normalise(List<ArrowField> template, List<Column> current, int rows) {
        List<Column> out = new ArrayList<>(template.size());
        for (ArrowField field : template) {
            Column present = current.stream().filter(c -> c.name().equals(field.name())).findFirst().orElse(null);
            if (present == null) {
                out.add(field.nullable() ? allNull(field, rows) : allDefault(field, rows));
            } else if (present.field().isStruct()) {
                List<Column> children = normalise(field.children(), present.children(), rows);
                out.add(present.withChildren(present.field().withChildren(children.stream().map(Column::field).toList()),
                        children));
            } else {
                out.add(present);
            }
        }
        return out;
    }

    static Column allNull(ArrowField field, int rows) {
        if (field.isStruct()) return filledStruct(field, rows);
        return Column.leaf(field, Collections.nCopies(rows, null));
    }

    static Column allDefault(ArrowField field, int rows) {
        if (field.isStruct()) return filledStruct(field, rows);
        return Column.leaf(field, Collections.nCopies(rows, defaultValue(field)));
    }

    private static Column filledStruct(ArrowField field, int rows) {
        List<Column> children = new ArrayList<>();
        for (ArrowField child : field.children()) {
            children.add(child.nullable() ? allNull(child, rows) : allDefault(child, rows));
        }
        return Column.struct(field, children, null, rows);
    }

    /** What the templates (and the encoder's builders) write as the default of a leaf or list field. */
    static Object defaultValue(ArrowField field) {
        return switch (field.type()) {
            case UINT8, UINT16, UINT32, UINT64, INT32, INT64, TIMESTAMP_NS, DURATION_NS -> 0L;
            case FLOAT64 -> 0.0;
            case BOOL -> false;
            case UTF8 -> "";
            case BINARY -> new byte[0];
            case FIXED_8 -> new byte[8];
            case FIXED_16 -> new byte[16];
            case LIST -> List.of();
            case STRUCT -> throw new IllegalArgumentException(field.name() + " is a struct");
        };
    }
}
