package io.pqflux.flink.internal.table;

import io.pqflux.filter.Predicate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Flink's filter expressions as pqflux predicates, where both mean the same for every row a predicate keeps:
 * comparisons, {@code IN} and null tests of a column with a literal of the column's own type, for integers, strings,
 * booleans and dates (not floating point, whose NaN orders differently in statistics), joined by {@code AND},
 * {@code OR} and {@code NOT}. Anything else is not converted, and a table keeps it for Flink alone.
 */
final class FilterExpressions {

    private final Map<String, LogicalType> columns;

    /** Over the table's columns, by name. */
    FilterExpressions(Map<String, LogicalType> columns) {
        this.columns = columns;
    }

    Optional<Predicate> toPredicate(ResolvedExpression expression) {
        if (!(expression instanceof CallExpression call)) return Optional.empty();
        FunctionDefinition function = call.getFunctionDefinition();
        List<ResolvedExpression> children = call.getResolvedChildren();
        if (function == BuiltInFunctionDefinitions.AND || function == BuiltInFunctionDefinitions.OR) {
            List<Predicate> operands = new ArrayList<>();
            for (ResolvedExpression child : children) {
                Optional<Predicate> operand = toPredicate(child);
                if (operand.isEmpty()) return Optional.empty();
                operands.add(operand.get());
            }
            Predicate[] array = operands.toArray(Predicate[]::new);
            return Optional.of(function == BuiltInFunctionDefinitions.AND ? Predicate.and(array) : Predicate.or(array));
        }
        if (function == BuiltInFunctionDefinitions.NOT) return toPredicate(children.getFirst()).map(Predicate::not);
        if (function == BuiltInFunctionDefinitions.IS_NULL || function == BuiltInFunctionDefinitions.IS_NOT_NULL) {
            return column(children.getFirst()).map(name -> function == BuiltInFunctionDefinitions.IS_NULL
                    ? Predicate.isNull(name) : Predicate.isNotNull(name));
        }
        if (function == BuiltInFunctionDefinitions.IN) return in(children);
        return comparison(expression);
    }

    private Optional<Predicate> in(List<ResolvedExpression> children) {
        Optional<String> name = column(children.getFirst());
        if (name.isEmpty()) return Optional.empty();
        List<Object> values = new ArrayList<>();
        for (ResolvedExpression child : children.subList(1, children.size())) {
            Optional<Object> value = literal(child, name.get());
            if (value.isEmpty()) return Optional.empty();
            values.add(value.get());
        }
        return Optional.of(Predicate.in(name.get(), values));
    }

    private Optional<Predicate> comparison(ResolvedExpression expression) {
        Optional<ColumnComparison> comparison = ColumnComparison.of(expression);
        if (comparison.isEmpty() || column(comparison.get().column()).isEmpty()) return Optional.empty();
        ColumnComparison c = comparison.get();
        BiFunction<String, Object, Predicate> operator = operator(c.operator());
        return literal(c.literal(), c.column()).map(value -> operator.apply(c.column(), value));
    }

    /** The predicate of {@code column op literal}. */
    private static BiFunction<String, Object, Predicate> operator(FunctionDefinition function) {
        if (function == BuiltInFunctionDefinitions.EQUALS) return Predicate::eq;
        if (function == BuiltInFunctionDefinitions.NOT_EQUALS) return Predicate::notEq;
        if (function == BuiltInFunctionDefinitions.GREATER_THAN) return Predicate::gt;
        if (function == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) return Predicate::gtEq;
        if (function == BuiltInFunctionDefinitions.LESS_THAN) return Predicate::lt;
        return Predicate::ltEq;
    }

    private Optional<String> column(ResolvedExpression expression) {
        return expression instanceof FieldReferenceExpression field ? column(field.getName()) : Optional.empty();
    }

    /** The column, when the table has it and its type can be pushed. */
    private Optional<String> column(String name) {
        LogicalType type = columns.get(name);
        return type != null && pushable(type.getTypeRoot()) ? Optional.of(name) : Optional.empty();
    }

    /** The literal as the predicate's Java value, when its type is the column's. */
    private Optional<Object> literal(ResolvedExpression expression, String column) {
        if (!(expression instanceof ValueLiteralExpression literal)) return Optional.empty();
        LogicalType type = literal.getOutputDataType().getLogicalType();
        LogicalTypeRoot root = columns.get(column).getTypeRoot();
        if (type.getTypeRoot() != root) return Optional.empty();
        Class<?> java = switch (root) {
            case TINYINT, SMALLINT, INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case CHAR, VARCHAR -> String.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> LocalDate.class;
            default -> null;
        };
        if (java == null) return Optional.empty();
        if (java == Integer.class) return literal.getValueAs(Number.class).map(Number::intValue);
        return literal.getValueAs(java).map(value -> (Object) value);
    }

    private static boolean pushable(LogicalTypeRoot root) {
        return switch (root) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, CHAR, VARCHAR, BOOLEAN, DATE -> true;
            default -> false;
        };
    }
}
