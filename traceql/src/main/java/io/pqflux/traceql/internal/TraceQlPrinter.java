package io.pqflux.traceql.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an AST as canonical TraceQL that parses back to an equal AST. Canonical means: single spaces around binary
 * operators and {@code |}; every operand that is itself an operation in parentheses, so the grouping shows without
 * knowing the precedences; strings in double quotes with Go escapes; durations in the largest unit that divides them;
 * floats as Java's shortest round-trip form; intrinsics in their scoped spelling; {@code {}} for {@code { true }};
 * {@code compare()}'s defaults left out; a metrics query in arithmetic in parentheses, its second stages inside them.
 */
public final class TraceQlPrinter {

    private TraceQlPrinter() {
    }

    public static String print(Query query) {
        StringBuilder out = new StringBuilder(query.metrics() == null ? pipeline(query.pipeline())
            : query.metrics() instanceof MetricsPipeline metrics ? metricsPipeline(metrics)
            : metricsOperation((MetricsOperation) query.metrics()));
        query.secondStages().forEach(stage -> out.append(secondStage(stage)));
        if (!query.hints().isEmpty()) {
            out.append(query.hints().stream()
                .map(hint -> hint.key() + "=" + literal(hint.value()))
                .collect(Collectors.joining(", ", " with(", ")")));
        }
        return out.toString();
    }

    private static String metricsPipeline(MetricsPipeline metrics) {
        StringBuilder out = new StringBuilder(pipeline(metrics.pipeline())).append(" | ")
            .append(metrics(metrics.function()));
        metrics.stages().forEach(stage -> out.append(secondStage(stage)));
        return out.toString();
    }

    private static String secondStage(SecondStage stage) {
        return switch (stage) {
            case TopK topK -> " | " + topK.word() + "(" + topK.limit() + ")";
            case MetricsFilter filter -> " " + filter.op().symbol() + " " + constant(filter.threshold());
        };
    }

    private static String metricsOperation(MetricsOperation operation) {
        return metricsOperand(operation.lhs()) + " " + operation.op().symbol() + " " + metricsOperand(operation.rhs());
    }

    private static String metricsOperand(MetricsExpr expr) {
        return switch (expr) {
            case MetricsPipeline metrics -> "(" + metricsPipeline(metrics) + ")";
            case MetricsOperation operation -> "(" + metricsOperation(operation) + ")";
            case Literal literal -> constant(literal.value());
        };
    }

    static String pipeline(Pipeline pipeline) {
        return pipeline.stages().stream().map(TraceQlPrinter::stage).collect(Collectors.joining(" | "));
    }

    private static String stage(Stage stage) {
        return switch (stage) {
            case SpansetExpr spanset -> spanset(spanset);
            case ScalarFilter filter -> scalarOperand(filter.lhs()) + " " + filter.op().symbol() + " "
                + scalarOperand(filter.rhs());
            case GroupBy by -> "by(" + field(by.expr()) + ")";
            case Coalesce ignored -> "coalesce()";
            case Select select -> "select(" + fieldRefs(select.fields()) + ")";
        };
    }

    private static String spanset(SpansetExpr expr) {
        return switch (expr) {
            case SpansetFilter filter -> filter(filter);
            case SpansetOperation operation -> operation.hasSubPipeline()
                ? pipelineOperation(operation)
                : spansetOperand(operation.lhs()) + " " + operation.op().symbol() + " "
                    + spansetOperand(operation.rhs());
            // alone, a parenthesised pipeline is the pipeline
            case SubPipeline sub -> pipeline(sub.pipeline());
        };
    }

    private static String spansetOperand(SpansetExpr expr) {
        return expr instanceof SpansetFilter filter ? filter(filter) : "(" + spanset(expr) + ")";
    }

    private static String pipelineOperation(SpansetOperation operation) {
        return pipelineOperand(operation.lhs()) + " " + operation.op().symbol() + " " + pipelineOperand(operation.rhs());
    }

    /**
     * In an operation on parenthesised pipelines every operand is in parentheses, filters too, except an operation
     * over pipelines whose leftmost operand is a filter: in parentheses, {@code (({ .c }) > ({ .d } | { .e }))}, it
     * would start with a spanset expression, after which Tempo's grammar takes no pipelines. The parser builds such
     * an operand only on the right of an operator that binds less tightly, where it needs no parentheses.
     */
    private static String pipelineOperand(SpansetExpr expr) {
        if (expr instanceof SpansetOperation operation && operation.hasSubPipeline()
            && !(leftmost(operation) instanceof SubPipeline)) {
            return pipelineOperation(operation);
        }
        return "(" + spanset(expr) + ")";
    }

    private static SpansetExpr leftmost(SpansetExpr expr) {
        return expr instanceof SpansetOperation operation ? leftmost(operation.lhs()) : expr;
    }

    private static String filter(SpansetFilter filter) {
        if (filter.expr() instanceof Literal literal && literal.value() instanceof StaticValue.BooleanValue(boolean b)
            && b) {
            return "{}";
        }
        return "{ " + field(filter.expr()) + " }";
    }

    private static String scalar(ScalarExpr expr) {
        return switch (expr) {
            case Literal literal -> constant(literal.value());
            case Aggregate aggregate -> aggregate(aggregate);
            case ScalarOperation operation -> scalarOperand(operation.lhs()) + " " + operation.op().symbol() + " "
                + scalarOperand(operation.rhs());
            case ScalarPipeline piped -> "(" + pipeline(piped.pipeline()) + " | " + aggregate(piped.aggregate()) + ")";
        };
    }

    private static String scalarOperand(ScalarExpr expr) {
        return expr instanceof ScalarOperation ? "(" + scalar(expr) + ")" : scalar(expr);
    }

    private static String aggregate(Aggregate aggregate) {
        return aggregate.op().word() + "(" + (aggregate.argument() == null ? "" : field(aggregate.argument())) + ")";
    }

    public static String field(FieldExpr expr) {
        return switch (expr) {
            case Literal literal -> literal(literal.value());
            case AttributeField attribute -> attribute(attribute);
            case IntrinsicField intrinsic -> intrinsic.intrinsic().text();
            case BinaryExpr binary -> fieldOperand(binary.lhs()) + " " + binary.op().symbol() + " "
                + fieldOperand(binary.rhs());
            case UnaryExpr unary -> switch (unary.op()) {
                case NEGATE -> "-" + fieldOperand(unary.operand());
                case NOT -> "!" + fieldOperand(unary.operand());
                case EXISTS -> fieldOperand(unary.operand()) + " != nil";
                case NOT_EXISTS -> fieldOperand(unary.operand()) + " = nil";
            };
        };
    }

    private static String fieldOperand(FieldExpr expr) {
        return expr instanceof BinaryExpr || expr instanceof UnaryExpr ? "(" + field(expr) + ")" : field(expr);
    }

    private static String fieldRefs(List<FieldRef> refs) {
        return refs.stream().map(TraceQlPrinter::field).collect(Collectors.joining(", "));
    }

    private static String metrics(MetricsStage metrics) {
        return switch (metrics) {
            case Compare compare -> "compare(" + filter(compare.filter())
                + (compare.start() != 0 || compare.end() != 0
                    ? ", " + compare.topN() + ", " + compare.start() + ", " + compare.end()
                    : compare.topN() != Compare.DEFAULT_TOP_N ? ", " + compare.topN() : "")
                + ")";
            case MetricsAggregate aggregate -> {
                StringBuilder out = new StringBuilder(aggregate.function().word()).append('(');
                if (aggregate.field() != null) {
                    out.append(field(aggregate.field()));
                }
                for (double quantile : aggregate.quantiles()) {
                    out.append(", ").append(quantile);
                }
                out.append(')');
                if (!aggregate.by().isEmpty()) {
                    out.append(" by (").append(fieldRefs(aggregate.by())).append(')');
                }
                yield out.toString();
            }
        };
    }

    /**
     * A number where Tempo's grammar takes a constant (scalar filters, metrics comparisons and arithmetic), which
     * reads only numbers and folds {@code + - * /} between them: the values no literal spells as that arithmetic.
     */
    private static String constant(StaticValue value) {
        return switch (value) {
            case StaticValue.IntValue(long v) when v == Long.MIN_VALUE -> "(-9223372036854775807 - 1)";
            case StaticValue.FloatValue(double v) when Double.isNaN(v) -> "(0.0 / 0)";
            case StaticValue.FloatValue(double v) when Double.isInfinite(v) -> v > 0 ? "(1.0 / 0)" : "(-1.0 / 0)";
            default -> literal(value);
        };
    }

    /** A literal; negative numbers (scalar and metrics contexts only) with their minus sign. */
    static String literal(StaticValue value) {
        return switch (value) {
            case StaticValue.StringValue s -> quote(s.value());
            case StaticValue.IntValue i -> i.value() == Long.MIN_VALUE ? "minInt" : Long.toString(i.value());
            case StaticValue.FloatValue f -> Double.toString(f.value());
            case StaticValue.BooleanValue b -> Boolean.toString(b.value());
            case StaticValue.DurationValue d -> DurationLiterals.format(d.nanos());
            case StaticValue.StatusValue s -> s.value().keyword();
            case StaticValue.KindValue k -> k.value().keyword();
        };
    }

    /** A Go string literal: {@code \\}, {@code \"} and control characters escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** An attribute, its name in quotes when the lexer would not read it back whole. */
    static String attribute(AttributeField attribute) {
        String prefix = (attribute.parent() ? "parent." : "")
            + (attribute.scope() == AttributeScope.NONE ? "" : attribute.scope().prefix() + ".");
        if (prefix.isEmpty()) {
            prefix = ".";
        }
        String name = attribute.name();
        boolean quote = name.isEmpty()
            || !name.codePoints().allMatch(cp -> cp != '"' && TraceQlLexer.isAttributeCodePoint(cp))
            // ".5" would be a number
            || prefix.equals(".") && name.charAt(0) >= '0' && name.charAt(0) <= '9'
            // "parent.span.x" would be the span-scoped parent attribute x
            || prefix.equals("parent.") && (name.startsWith("span.") || name.startsWith("resource."));
        if (!quote) {
            return prefix + name;
        }
        return prefix + '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
