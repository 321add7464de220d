package io.pqflux.otap.generator;

import io.pqflux.otap.generator.ArrowField.ArrowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one column of the Rust OTLP → OTAP encoder, which leaves "optional" columns out of the record batch when no
 * row needs them (its adaptive array builders, {@code ArrayOptions.optional}): out when all null, and for most columns
 * also when all values are the type's default ({@code default_values_optional}). Such a builder stays uninitialised
 * while it only sees nulls and defaults and, once a value makes it build the column, writes that prefix's defaults as
 * the type's default value ({@code ArrayPrefixBuilder.init_builder}): a {@code -0.0} before the first non-default
 * double comes out as {@code 0.0}.
 */
final class ColumnBuilder {

    /** When the encoder emits the column. */
    enum Presence {
        /** Always (a non-optional builder). */
        ALWAYS,
        /** When any row is non-null (ids, AnyValue value columns: {@code default_values_optional = false}). */
        ANY_NON_NULL,
        /**
         * When any row is non-null and not the type's default (0, "", false, empty bytes or list, zero bytes of a
         * fixed width; {@code -0.0 == 0.0} as in Rust).
         */
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
        return switch (presence) {
            case ALWAYS -> Column.leaf(field, values);
            case ANY_NON_NULL -> values.stream().anyMatch(v -> v != null) ? Column.leaf(field, values) : null;
            case ANY_NON_DEFAULT -> withDefaultPrefix();
        };
    }

    /** The column with the defaults before its first non-default value written as the default, or {@code null}. */
    private Column withDefaultPrefix() {
        List<Object> out = new ArrayList<>(values.size());
        boolean initialised = false;
        for (Object value : values) {
            initialised |= value != null && !isDefault(value);
            out.add(initialised || value == null ? value : Templates.defaultValue(field));
        }
        return initialised ? Column.leaf(field, out) : null;
    }

    private boolean isDefault(Object value) {
        return switch (value) {
            case Long l -> l == 0;
            case Double d -> d == 0.0;
            case Boolean b -> !b;
            case String s -> s.isEmpty();
            case byte[] bytes -> Arrays.equals(bytes, (byte[]) Templates.defaultValue(field));
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
