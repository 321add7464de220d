package io.pqflux.traceql.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.util.List;
import java.util.Locale;

/**
 * Tempo's checks after parsing ({@code ast_validate.go} and the metrics functions' {@code validate()}), in Tempo's
 * order (children before their parent, left before right), so the first error reported is Tempo's: operand types,
 * regexes (RE2 syntax, through re2j), aggregate arguments, {@code by()}, quantile ranges, {@code topk}/{@code bottomk}
 * limits, {@code compare()}'s arguments and that nothing follows or combines with it. A metrics query with several
 * metrics pipelines is checked as Tempo checks one: every spanset pipeline, then every metrics function, then the
 * second stages (Tempo visits its pipelines in map order; here they go left to right). What Tempo parses but does not
 * evaluate is reported {@link Reason#UNSUPPORTED}: the parent scope and intrinsic, and scalar filters other than an
 * aggregate compared with a literal. One check is stricter than Tempo's: parent attributes are unsupported in the
 * metrics functions' fields and {@code by(…)} too, where Tempo does not look.
 */
public final class TraceQlValidator {

    private final String source;

    private TraceQlValidator(String source) {
        this.source = source;
    }

    /**
     * @param source the text {@code query} was parsed from, for the error's position and message
     * @throws TraceQlException with {@link Reason#VALIDATION_ERROR} or {@link Reason#UNSUPPORTED}
     */
    public static void validate(String source, Query query) {
        new TraceQlValidator(source).query(query);
    }

    private void query(Query query) {
        if (query.metrics() == null) {
            pipeline(query.pipeline());
            return;
        }
        List<MetricsPipeline> metrics = query.metricsPipelines();
        metrics.forEach(m -> pipeline(m.pipeline()));
        metrics.forEach(m -> metrics(m.function()));
        metrics.forEach(m -> secondStages(m.stages()));
        secondStages(query.secondStages());
        for (MetricsPipeline m : metrics) {
            if (!(m.function() instanceof Compare compare)) {
                continue;
            }
            if (!m.stages().isEmpty()) {
                throw error(Reason.VALIDATION_ERROR, m.stages().getFirst(),
                    "compare() cannot be followed by topk(), bottomk() or a comparison");
            }
            if (!(query.metrics() instanceof MetricsPipeline)) {
                throw error(Reason.VALIDATION_ERROR, compare,
                    "compare() cannot take part in arithmetic, nor be followed by topk(), bottomk() or a comparison");
            }
        }
    }

    private void secondStages(List<SecondStage> stages) {
        for (SecondStage stage : stages) {
            if (stage instanceof TopK topK && topK.limit() <= 0) {
                throw error(Reason.VALIDATION_ERROR, topK, topK.word() + "()'s limit must be greater than 0");
            }
        }
    }

    private void pipeline(Pipeline pipeline) {
        pipeline.stages().forEach(this::stage);
    }

    private void stage(Stage stage) {
        switch (stage) {
            case SpansetFilter filter -> {
                field(filter.expr());
                StaticType type = type(filter.expr());
                if (type != StaticType.ATTRIBUTE && type != StaticType.BOOLEAN) {
                    throw error(Reason.VALIDATION_ERROR, filter.expr(),
                        "a spanset filter's expression must be a boolean, found " + name(type));
                }
            }
            case SpansetOperation operation -> {
                stage(operation.lhs());
                stage(operation.rhs());
            }
            case SubPipeline sub -> pipeline(sub.pipeline());
            case ScalarFilter filter -> {
                scalar(filter.lhs());
                scalar(filter.rhs());
                operandTypes(filter, filter.op(), type(filter.lhs()), type(filter.rhs()));
                if (!(filter.lhs() instanceof Aggregate)) {
                    throw error(Reason.UNSUPPORTED, filter.lhs(),
                        "scalar filters with anything but an aggregate on the left are not supported");
                }
                if (!(filter.rhs() instanceof Literal)) {
                    throw error(Reason.UNSUPPORTED, filter.rhs(),
                        "scalar filters with anything but a literal on the right are not supported");
                }
            }
            case GroupBy by -> {
                if (!referencesSpan(by.expr())) {
                    throw error(Reason.VALIDATION_ERROR, by.expr(), "by() needs an expression over span fields");
                }
                field(by.expr());
            }
            case Coalesce ignored -> {
                // nothing to check
            }
            case Select select -> select.fields().forEach(this::field);
        }
    }

    private void scalar(ScalarExpr expr) {
        switch (expr) {
            case Literal ignored -> {
                // a literal is always valid
            }
            case Aggregate aggregate -> {
                FieldExpr argument = aggregate.argument();
                if (argument != null) {
                    field(argument);
                    StaticType type = type(argument);
                    if (type != StaticType.ATTRIBUTE && !type.isNumeric()) {
                        throw error(Reason.VALIDATION_ERROR, argument,
                            aggregate.op().word() + "() needs a number, found " + name(type));
                    }
                    if (!referencesSpan(argument)) {
                        throw error(Reason.VALIDATION_ERROR, argument,
                            aggregate.op().word() + "() needs an expression over span fields");
                    }
                }
            }
            case ScalarOperation operation -> {
                scalar(operation.lhs());
                scalar(operation.rhs());
                operandTypes(operation, operation.op(), type(operation.lhs()), type(operation.rhs()));
            }
            case ScalarPipeline piped -> {
                pipeline(piped.pipeline());
                scalar(piped.aggregate());
            }
        }
    }

    private void field(FieldExpr expr) {
        switch (expr) {
            case Literal ignored -> {
                // a literal is always valid
            }
            case AttributeField attribute -> {
                if (attribute.parent()) {
                    throw error(Reason.UNSUPPORTED, attribute, "parent attributes (parent.…) are not supported");
                }
            }
            case IntrinsicField intrinsic -> {
                if (intrinsic.intrinsic() == Intrinsic.PARENT) {
                    throw error(Reason.UNSUPPORTED, intrinsic, "the parent intrinsic is not supported");
                }
            }
            case BinaryExpr binary -> {
                field(binary.lhs());
                field(binary.rhs());
                operandTypes(binary, binary.op(), type(binary.lhs()), type(binary.rhs()));
                if (binary.op().isRegex()) {
                    regex(binary);
                }
            }
            case UnaryExpr unary -> unary(unary);
        }
    }

    private void regex(BinaryExpr binary) {
        if (!(binary.rhs() instanceof Literal literal)
            || !(literal.value() instanceof StaticValue.StringValue(String regex))) {
            throw error(Reason.VALIDATION_ERROR, binary.rhs(),
                "the right side of " + binary.op().symbol() + " must be a string literal");
        }
        try {
            // Tempo anchors the pattern when matching; the syntax is checked as written
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error(Reason.VALIDATION_ERROR, literal, "invalid regex " + TraceQlPrinter.quote(regex) + ": "
                + e.getDescription());
        }
    }

    private void unary(UnaryExpr unary) {
        FieldExpr operand = unary.operand();
        field(operand);
        if (unary.op() == UnaryOp.NOT_EXISTS) {
            if (operand instanceof IntrinsicField intrinsic) {
                throw error(Reason.VALIDATION_ERROR, unary,
                    intrinsic.intrinsic().text() + " = nil is never true: intrinsics always exist");
            }
            if (operand instanceof AttributeField attribute && attribute.scope() == AttributeScope.RESOURCE
                && !attribute.parent() && attribute.name().equals("service.name")) {
                throw error(Reason.VALIDATION_ERROR, unary,
                    "resource.service.name = nil is never true: every resource has a service name");
            }
        }
        StaticType type = type(operand);
        boolean valid = switch (unary.op()) {
            case NEGATE -> type == StaticType.ATTRIBUTE || type.isNumeric();
            case NOT -> type == StaticType.ATTRIBUTE || type == StaticType.BOOLEAN;
            case EXISTS, NOT_EXISTS -> true;
        };
        if (!valid) {
            throw error(Reason.VALIDATION_ERROR, unary,
                (unary.op() == UnaryOp.NEGATE ? "'-'" : "'!'") + " does not apply to " + name(type));
        }
    }

    private void metrics(MetricsStage metrics) {
        switch (metrics) {
            case MetricsAggregate aggregate -> {
                MetricsFunction function = aggregate.function();
                if (aggregate.by().size() > function.maxGroupBy()) {
                    throw error(Reason.UNSUPPORTED, aggregate.by().get(function.maxGroupBy()),
                        function.word() + "() by more than " + function.maxGroupBy() + " fields is not supported");
                }
                for (double quantile : aggregate.quantiles()) {
                    if (!(quantile >= 0 && quantile <= 1)) {
                        throw error(Reason.VALIDATION_ERROR, aggregate,
                            "quantiles must be between 0 and 1, found " + quantile);
                    }
                }
                if (aggregate.field() != null) {
                    field(aggregate.field());
                }
                aggregate.by().forEach(this::field);
            }
            case Compare compare -> {
                stage(compare.filter());
                if (compare.topN() <= 0 || compare.topN() > Compare.MAX_TOP_N) {
                    throw error(Reason.VALIDATION_ERROR, compare,
                        "compare()'s number of top values must be between 1 and " + Compare.MAX_TOP_N);
                }
                if (compare.start() == 0 && compare.end() == 0) {
                    return;
                }
                if (compare.start() <= 0 || compare.end() <= 0) {
                    throw error(Reason.VALIDATION_ERROR, compare,
                        "compare()'s start and end must be positive unix nanoseconds");
                }
                if (compare.end() <= compare.start()) {
                    throw error(Reason.VALIDATION_ERROR, compare, "compare()'s end must be after its start");
                }
            }
        }
    }

    /** Tempo's operand rules: matching types (numbers mix, attributes and nil match all), then the operator's types. */
    private void operandTypes(Node node, BinaryOp op, StaticType lhs, StaticType rhs) {
        boolean matching = lhs == StaticType.ATTRIBUTE || rhs == StaticType.ATTRIBUTE || lhs == rhs
            || lhs.isNumeric() && rhs.isNumeric() || lhs == StaticType.NIL || rhs == StaticType.NIL;
        if (!matching) {
            throw error(Reason.VALIDATION_ERROR, node,
                "'" + op.symbol() + "' needs operands of one type, found " + name(lhs) + " and " + name(rhs));
        }
        for (StaticType type : new StaticType[] {lhs, rhs}) {
            if (!applies(op, type)) {
                throw error(Reason.VALIDATION_ERROR, node, "'" + op.symbol() + "' does not apply to " + name(type));
            }
        }
    }

    private static boolean applies(BinaryOp op, StaticType type) {
        return switch (type) {
            case ATTRIBUTE -> true;
            case BOOLEAN -> op == BinaryOp.AND || op == BinaryOp.OR || op == BinaryOp.EQ || op == BinaryOp.NEQ;
            case INT, FLOAT, DURATION -> op.isArithmetic() || op.isComparison();
            case STRING -> op.isComparison() || op.isRegex();
            case NIL, STATUS, KIND -> op == BinaryOp.EQ || op == BinaryOp.NEQ;
        };
    }

    /** The type Tempo infers: boolean for comparisons and logic, else the first operand's type that is known. */
    static StaticType type(FieldExpr expr) {
        return switch (expr) {
            case Literal literal -> literal.value().type();
            case AttributeField ignored -> StaticType.ATTRIBUTE;
            case IntrinsicField intrinsic -> intrinsic.intrinsic().type();
            case BinaryExpr binary -> binary.op().isBoolean()
                ? StaticType.BOOLEAN : known(type(binary.lhs()), type(binary.rhs()));
            case UnaryExpr unary -> unary.op() == UnaryOp.EXISTS || unary.op() == UnaryOp.NOT_EXISTS
                ? StaticType.BOOLEAN : type(unary.operand());
        };
    }

    static StaticType type(ScalarExpr expr) {
        return switch (expr) {
            case Literal literal -> literal.value().type();
            case Aggregate aggregate -> aggregate.argument() == null ? StaticType.INT : type(aggregate.argument());
            case ScalarOperation operation -> known(type(operation.lhs()), type(operation.rhs()));
            case ScalarPipeline piped -> type(piped.aggregate());
        };
    }

    private static StaticType known(StaticType lhs, StaticType rhs) {
        return lhs != StaticType.ATTRIBUTE ? lhs : rhs;
    }

    /** Whether the expression reads the span: has an attribute or intrinsic. */
    private static boolean referencesSpan(FieldExpr expr) {
        return switch (expr) {
            case Literal ignored -> false;
            case AttributeField ignored -> true;
            case IntrinsicField ignored -> true;
            case BinaryExpr binary -> referencesSpan(binary.lhs()) || referencesSpan(binary.rhs());
            case UnaryExpr unary -> referencesSpan(unary.operand());
        };
    }

    private static String name(StaticType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private TraceQlException error(Reason reason, Node at, String detail) {
        return new TraceQlException(reason, source, at.range().start(), detail);
    }
}
