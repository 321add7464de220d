package io.pqflux.flink.internal.table;

import java.util.Optional;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;

/**
 * A filter of the form {@code column op literal}, also when written {@code literal op column}: the operator is then
 * mirrored ({@code 5 < x} is {@code x > 5}), so a reader of it only ever sees the column first.
 *
 * @param operator one of {@code =, <>, <, <=, >, >=} ({@link BuiltInFunctionDefinitions}), as seen from the column
 */
record ColumnComparison(String column, FunctionDefinition operator, ValueLiteralExpression literal) {

    static Optional<ColumnComparison> of(ResolvedExpression expression) {
        if (!(expression instanceof CallExpression call) || call.getResolvedChildren().size() != 2) return Optional.empty();
        FunctionDefinition function = call.getFunctionDefinition();
        FunctionDefinition mirrored = mirrored(function);
        if (mirrored == null) return Optional.empty();
        ResolvedExpression left = call.getResolvedChildren().get(0);
        ResolvedExpression right = call.getResolvedChildren().get(1);
        if (left instanceof FieldReferenceExpression field && right instanceof ValueLiteralExpression literal) {
            return Optional.of(new ColumnComparison(field.getName(), function, literal));
        }
        if (right instanceof FieldReferenceExpression field && left instanceof ValueLiteralExpression literal) {
            return Optional.of(new ColumnComparison(field.getName(), mirrored, literal));
        }
        return Optional.empty();
    }

    boolean is(FunctionDefinition... any) {
        for (FunctionDefinition candidate : any) {
            if (operator == candidate) return true;
        }
        return false;
    }

    /** The operator with its operands swapped; null for what is not a comparison. */
    private static FunctionDefinition mirrored(FunctionDefinition function) {
        if (function == BuiltInFunctionDefinitions.EQUALS || function == BuiltInFunctionDefinitions.NOT_EQUALS) return function;
        if (function == BuiltInFunctionDefinitions.GREATER_THAN) return BuiltInFunctionDefinitions.LESS_THAN;
        if (function == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) return BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL;
        if (function == BuiltInFunctionDefinitions.LESS_THAN) return BuiltInFunctionDefinitions.GREATER_THAN;
        if (function == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) return BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL;
        return null;
    }
}
