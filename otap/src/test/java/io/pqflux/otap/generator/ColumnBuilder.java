package io.pqflux.otap.generator;

import io.pqflux.otap.generator.ArrowField.ArrowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one column of the Rust OTLP → OTAP encoder, which leaves "optional" columns out of the record batch when no
 * row needs them (its adaptive array builders, {@code ArrayOptions.optional}): out when all null, and for most columns
 * also when all values are the type's default ({@code default_values_optional}).
 */
final class ColumnBuilder {

    /** When the encoder emits the column. */
    enum Presence {
        /** Always (a non-optional builder). */
        ALWAYS,
        /** When any row is non-null (ids, AnyValue value columns: {@code default_values_optional = false}). */
        ANY_NON_NULL,
        /** When any row is non-null and not the type's default (0, "", false, empty). */
        ANY_NON_DEFAULT
    }

    private final ArrowField field;
    private final Presence presence;
    private final List<Object> values = new ArrayList<>();

    /** @param nullable the Arrow field's nullability when the column is emitted */
    ColumnBuilder(String name, ArrowType type, Presence presence, boolean nullable) {
        this(ArrowField.of(name, type, nullable), presence);
    }

    ColumnBuilder(ArrowField field, Presence presence) {
        this.field = field;
        this.presence = presence;
    }

    void add(Object value) {
        if (value == null && !field.nullable()) throw new IllegalArgumentException(field.name() + " is not nullable");
        values.add(value);
    }

    int size() {
        return values.size();
    }

    /** The column, or {@code null} when the encoder leaves it out. */
    Column finish() {
        boolean emit = switch (presence) {
            case ALWAYS -> true;
            case ANY_NON_NULL -> values.stream().anyMatch(v -> v != null);
            case ANY_NON_DEFAULT -> values.stream().anyMatch(v -> v != null && !isDefault(v));
        };
        return emit ? Column.leaf(field, values) : null;
    }

    private static boolean isDefault(Object value) {
        return switch (value) {
            case Long l -> l == 0;
            case Double d -> d == 0.0;
            case Boolean b -> !b;
            case String s -> s.isEmpty();
            case byte[] bytes -> bytes.length == 0 || Arrays.equals(bytes, new byte[bytes.length]);
            case List<?> list -> list.isEmpty();
            default -> false;
        };
    }

    /** Finishes builders into the batch's column list, leaving out the omitted ones. */
    static void finishInto(List<Column> columns, ColumnBuilder... builders) {
        for (ColumnBuilder builder : builders) {
            Column column = builder.finish();
            if (column != null) columns.add(column);
        }
    }

    /** A struct column that is always emitted and never null, from child builders (omitted children left out). */
    static Column struct(String name, boolean nullable, int rows, ColumnBuilder... children) {
        List<Column> columns = new ArrayList<>();
        finishInto(columns, children);
        ArrowField field = new ArrowField(name, ArrowType.STRUCT, nullable, columns.stream().map(Column::field).toList());
        return Column.struct(field, columns, null, rows);
    }
}
