package io.pqflux.traceql.internal;

import io.pqflux.traceql.TraceQl;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recursive-descent parser for TraceQL as Tempo's main branch reads it (Tempo 3.0 and the arithmetic between metrics
 * queries since), accepting what Tempo's LALR grammar ({@code expr.y}) accepts, with its precedences. Where the
 * grammar is ambiguous the parser decides as goyacc's default (shift) does: a parenthesised spanset expression at the
 * start of a query or group, {@code ({ .a })}, is a spanset expression, so the operations that follow it take spanset
 * expressions and not parenthesised pipelines; a parenthesised pipeline is an operand only where the query (or group)
 * starts with one.
 *
 * <p>The query's top level is one of: a pipeline ({@code { … } | by(…) | count() > 1 | select(…)}), optionally
 * followed by a metrics function and its second stages; arithmetic over parenthesised metrics queries and numbers
 * ({@code 100 * ({ status = error } | rate()) / ({} | rate())}) and its second stages; an operation on parenthesised
 * pipelines ({@code ({ .a } | count() > 1) && ({ .b })}); or a comparison of parenthesised pipelines ending in
 * aggregates ({@code ({ .a } | count()) > 2}, which Tempo parses and then reports unsupported). Hints
 * ({@code with(…)}) end it. Arithmetic between numbers is folded where Tempo's grammar takes a constant
 * ({@link ConstantArithmetic}): {@code count() > 1 - 3} compares with {@code -2}.
 */
public final class TraceQlParser {

    private static final Map<String, AggregateOp> AGGREGATES = Map.of(
        "count", AggregateOp.COUNT, "avg", AggregateOp.AVG, "min", AggregateOp.MIN, "max", AggregateOp.MAX,
        "sum", AggregateOp.SUM);
    private static final Map<String, MetricsFunction> METRICS_FUNCTIONS = Map.of(
        "rate", MetricsFunction.RATE, "count_over_time", MetricsFunction.COUNT_OVER_TIME,
        "min_over_time", MetricsFunction.MIN_OVER_TIME, "max_over_time", MetricsFunction.MAX_OVER_TIME,
        "sum_over_time", MetricsFunction.SUM_OVER_TIME, "avg_over_time", MetricsFunction.AVG_OVER_TIME,
        "histogram_over_time", MetricsFunction.HISTOGRAM_OVER_TIME,
        "quantile_over_time", MetricsFunction.QUANTILE_OVER_TIME);

    /** What a (possibly parenthesised) part of the query turned out to be; decides what may follow it. */
    private sealed interface Group {
    }

    /** A spanset expression: filters and spanset operators, nothing else. */
    private record Spanset(SpansetExpr expr) implements Group {
    }

    /** A pipeline that is more than a spanset expression. */
    private record Piped(Pipeline pipeline) implements Group {
    }

    /** Spanset operators over parenthesised pipelines. */
    private record PipelineOperation(SpansetExpr expr) implements Group {
    }

    /** Top level only: a metrics query, or arithmetic over them, and the second stages after arithmetic. */
    private record Metrics(MetricsExpr expr, List<SecondStage> secondStages) implements Group {
    }

    /** Top level only: a comparison of {@link ScalarPiped}s. */
    private record PipelineComparison(ScalarFilter filter) implements Group {
    }

    /**
     * Arithmetic not compared yet. What its operands are decides what it may combine with and what it becomes: Tempo's
     * grammar keeps numbers, aggregates, parenthesised pipelines ending in aggregates and metrics queries apart.
     */
    private sealed interface Arithmetic extends Group {
        SourceRange range();
    }

    /** Numbers only, folded to one. */
    private record Constant(StaticValue value, SourceRange range) implements Arithmetic {
    }

    /** Over aggregates and numbers: {@code count() + 1}, a side of a scalar filter. */
    private record Scalar(ScalarExpr expr) implements Arithmetic {
        @Override
        public SourceRange range() {
            return expr.range();
        }
    }

    /** {@code (pipeline | aggregate)}, or arithmetic over such. */
    private record ScalarPiped(ScalarExpr expr) implements Arithmetic {
        @Override
        public SourceRange range() {
            return expr.range();
        }
    }

    /** A parenthesised metrics query, or arithmetic over them and numbers. */
    private record MetricsValue(MetricsExpr expr) implements Arithmetic {
        @Override
        public SourceRange range() {
            return expr.range();
        }
    }

    private final TokenStream tokens;
    private final FieldExpressionParser fields;

    private TraceQlParser(String query) {
        this.tokens = new TokenStream(query);
        this.fields = new FieldExpressionParser(tokens);
    }

    /**
     * Parses a query; the result is not validated ({@link TraceQlValidator} does that).
     *
     * @throws TraceQlException with {@link Reason#PARSE_ERROR}, or {@link Reason#UNSUPPORTED} for TraceQL this
     *     front end does not read
     */
    public static Query parse(String query) {
        Objects.requireNonNull(query, "query");
        TraceQlParser parser = new TraceQlParser(query);
        if (query.length() > TraceQl.MAX_QUERY_LENGTH) {
            throw parser.tokens.errorAt(Reason.TOO_LARGE, TraceQl.MAX_QUERY_LENGTH, "the query is " + query.length()
                + " characters long; the limit is " + TraceQl.MAX_QUERY_LENGTH);
        }
        Query parsed = parser.query();
        Node tooDeep = NestingDepth.deeperThan(parsed, TraceQl.MAX_NESTING);
        if (tooDeep != null) {
            throw parser.tokens.tooDeep(tooDeep.range().start());
        }
        return parsed;
    }

    private Query query() {
        Token first = tokens.peek();
        Group top = group(true);
        Pipeline pipeline = null;
        MetricsExpr metrics = null;
        List<SecondStage> secondStages = List.of();
        String continuations = "'with(…)' or end of query";
        switch (top) {
            case Spanset spanset -> {
                pipeline = pipeline(List.of(spanset.expr()));
                continuations = "'|', " + continuations;
            }
            case Piped piped -> pipeline = piped.pipeline();
            case PipelineOperation operation -> pipeline = pipeline(List.of(operation.expr()));
            case PipelineComparison comparison -> pipeline = pipeline(List.of(comparison.filter()));
            case Metrics m -> {
                metrics = m.expr();
                secondStages = m.secondStages();
            }
            case Arithmetic ignored -> throw new IllegalStateException("the top level ends arithmetic");
        }
        List<Hint> hints = List.of();
        while (tokens.peek().isWord("with")) {
            // as in Tempo, a later with(…) replaces an earlier one
            hints = hints();
            continuations = "'with(…)' or end of query";
        }
        Token end = tokens.peek();
        if (end.kind() != TokenKind.END) {
            throw tokens.unexpected(continuations);
        }
        return new Query(pipeline, metrics, secondStages, hints, new SourceRange(first.start(), tokens.previousEnd()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Groups: the top level and the inside of parentheses that may hold a pipeline

    private Group group(boolean top) {
        return tokens.nested(() -> groupAt(top));
    }

    private Group groupAt(boolean top) {
        Token token = tokens.peek();
        switch (token.kind()) {
            case LPAREN -> {
                tokens.next();
                Group inner = group(false);
                Token close = tokens.expect(TokenKind.RPAREN, closeExpectation(inner));
                SourceRange range = new SourceRange(token.start(), close.end());
                return switch (inner) {
                    case Spanset spanset -> spansetHead(spanset.expr(), top);
                    case Piped piped -> pipelineOperationHead(new SubPipeline(piped.pipeline(), range), top);
                    case PipelineOperation operation -> pipelineOperationHead(operation.expr(), top);
                    case Arithmetic arithmetic -> arithmeticHead(arithmetic, top);
                    case Metrics ignored -> throw new IllegalStateException("top-level metrics inside parentheses");
                    case PipelineComparison ignored -> throw new IllegalStateException("comparison inside parentheses");
                };
            }
            case LBRACE -> {
                return spansetHead(spansetFilter(), top);
            }
            case INTEGER, FLOAT, DURATION, SUB -> {
                return arithmeticHead(arithmeticOperand(), top);
            }
            case IDENTIFIER -> {
                String word = (String) token.value();
                if (AGGREGATES.containsKey(word)) {
                    return arithmeticHead(arithmeticOperand(), top);
                }
                if (word.equals("by") || word.equals("select")) {
                    List<Stage> stages = new ArrayList<>();
                    stages.add(word.equals("by") ? groupBy() : select());
                    return pipelineTail(stages, top);
                }
                if (word.equals("coalesce")) {
                    throw tokens.error(Reason.PARSE_ERROR, token, "a pipeline cannot start with coalesce()");
                }
                if (METRICS_FUNCTIONS.containsKey(word) || word.equals("compare")) {
                    throw tokens.error(Reason.PARSE_ERROR, token,
                        word + "() needs a spanset pipeline before it, as in {} | " + word + "(…)");
                }
            }
            default -> {
                // fall through to the error below
            }
        }
        throw tokens.unexpected("'{', '(' or a pipeline stage");
    }

    private static String closeExpectation(Group inner) {
        return switch (inner) {
            case Spanset ignored -> "')', '|' or a spanset operator";
            case Constant ignored -> "')', an arithmetic operator or a comparison";
            case Scalar ignored -> "')', an arithmetic operator or a comparison";
            case Piped ignored -> "')' or '|'";
            case PipelineOperation ignored -> "')' or a spanset operator";
            case ScalarPiped ignored -> "')' or an arithmetic operator";
            case MetricsValue ignored -> "')' or an arithmetic operator (a comparison or topk() of arithmetic over"
                + " metrics queries ends the query, outside the parentheses)";
            case Metrics ignored -> "')'";
            case PipelineComparison ignored -> "')'";
        };
    }

    /** After a spanset expression: more spanset operators, then the rest of the pipeline. */
    private Group spansetHead(SpansetExpr first, boolean top) {
        List<Stage> stages = new ArrayList<>();
        stages.add(spansetOperations(first, 1));
        return pipelineTail(stages, top);
    }

    /** After a parenthesised pipeline: spanset operators over more of them, or it stands alone. */
    private Group pipelineOperationHead(SpansetExpr first, boolean top) {
        if (spansetOpAt(tokens.peek()) == null && first instanceof SubPipeline sub) {
            return new Piped(sub.pipeline());
        }
        return new PipelineOperation(pipelineOperations(first, 1));
    }

    /**
     * After an operand of arithmetic: the rest of the arithmetic, then what it makes. Metrics arithmetic is a metrics
     * query (at the top level with its second stages); numbers and aggregates are compared into a scalar filter,
     * the first stage of a pipeline; parenthesised pipelines ending in aggregates are compared at the top level. In
     * parentheses, arithmetic not compared is returned for what encloses it.
     */
    private Group arithmeticHead(Arithmetic first, boolean top) {
        Arithmetic expr = arithmetic(first, 0);
        boolean compared = FieldExpressionParser.comparisonAt(tokens.peek()) != null;
        return switch (expr) {
            case MetricsValue metrics -> top ? metricsRoot(metrics.expr()) : metrics;
            case ScalarPiped piped when top -> pipelineComparison(piped);
            case ScalarPiped piped -> {
                if (compared) {
                    throw tokens.error(Reason.PARSE_ERROR, tokens.peek(),
                        "a comparison of parenthesised pipelines must be the whole query, not in parentheses");
                }
                yield piped;
            }
            case Constant constant when !top && !compared -> constant;
            case Scalar scalar when !top && !compared && tokens.peek().kind() == TokenKind.RPAREN -> scalar;
            default -> {
                List<Stage> stages = new ArrayList<>();
                stages.add(scalarFilter(expr));
                yield pipelineTail(stages, top);
            }
        };
    }

    /**
     * A metrics query or arithmetic over them, at the top level: its second stages follow. After one parenthesised
     * metrics query they continue its own ({@code ({} | rate()) > 1} is {@code {} | rate() > 1}, as in Tempo).
     */
    private Metrics metricsRoot(MetricsExpr expr) {
        List<SecondStage> stages = secondStages();
        if (expr instanceof MetricsPipeline leaf && !stages.isEmpty()) {
            List<SecondStage> all = new ArrayList<>(leaf.stages());
            all.addAll(stages);
            return new Metrics(new MetricsPipeline(leaf.pipeline(), leaf.function(), all,
                SourceRange.covering(leaf.range(), stages.getLast().range())), List.of());
        }
        return new Metrics(expr, expr instanceof MetricsPipeline ? List.of() : stages);
    }

    /** {@code (pipeline | aggregate) op …}: the other side is arithmetic over such, or a number. */
    private PipelineComparison pipelineComparison(ScalarPiped lhs) {
        BinaryOp op = FieldExpressionParser.comparisonAt(tokens.peek());
        if (op == null) {
            throw tokens.unexpected("a comparison ('=', '!=', '<', '<=', '>', '>=') or an arithmetic operator");
        }
        tokens.next();
        Token start = tokens.peek();
        ScalarExpr rhs = switch (arithmetic(arithmeticOperand(), 0)) {
            case ScalarPiped piped -> piped.expr();
            case Constant constant -> new Literal(constant.value(), constant.range());
            case Arithmetic other -> throw tokens.error(Reason.PARSE_ERROR, start,
                "expected a number or a parenthesised pipeline ending in an aggregate, found " + describe(other));
        };
        return new PipelineComparison(new ScalarFilter(op, lhs.expr(), rhs, SourceRange.covering(lhs.range(),
            rhs.range())));
    }

    /** The {@code | stage} sequence after a first stage; it may end in a metrics function and its second stages. */
    private Group pipelineTail(List<Stage> stages, boolean top) {
        while (tokens.peek().kind() == TokenKind.PIPE) {
            tokens.next();
            Token token = tokens.peek();
            String word = token.kind() == TokenKind.IDENTIFIER ? (String) token.value() : "";
            if (METRICS_FUNCTIONS.containsKey(word) || word.equals("compare")) {
                Pipeline pipeline = pipeline(stages);
                MetricsStage function = metricsStage();
                List<SecondStage> secondStages = secondStages();
                MetricsPipeline metrics = new MetricsPipeline(pipeline, function, secondStages,
                    new SourceRange(pipeline.range().start(), tokens.previousEnd()));
                return top ? new Metrics(metrics, List.of()) : new MetricsValue(metrics);
            }
            if (AGGREGATES.containsKey(word)) {
                Aggregate aggregate = aggregate();
                if (!top && tokens.peek().kind() == TokenKind.RPAREN) {
                    return new ScalarPiped(new ScalarPipeline(pipeline(stages), aggregate,
                        SourceRange.covering(stages.getFirst().range(), aggregate.range())));
                }
                stages.add(scalarFilter(arithmetic(new Scalar(aggregate), 0)));
            } else if (token.kind() == TokenKind.LBRACE || token.kind() == TokenKind.LPAREN && startsSpanset()) {
                stages.add(spansetOperations(spansetOperand(), 1));
            } else if (token.kind() == TokenKind.LPAREN || startsNumber(token)) {
                stages.add(scalarFilter(arithmetic(arithmeticOperand(), 0)));
            } else if (word.equals("by")) {
                stages.add(groupBy());
            } else if (word.equals("coalesce")) {
                Token coalesce = tokens.next();
                tokens.expect(TokenKind.LPAREN, "'('");
                Token close = tokens.expect(TokenKind.RPAREN, "')': coalesce() takes no argument");
                stages.add(new Coalesce(new SourceRange(coalesce.start(), close.end())));
            } else if (word.equals("select")) {
                stages.add(select());
            } else if (word.equals("topk") || word.equals("bottomk")) {
                throw tokens.error(Reason.PARSE_ERROR, token,
                    word + "() follows a metrics function, as in {} | rate() | " + word + "(5)");
            } else {
                throw tokens.unexpected("a pipeline stage after '|'");
            }
        }
        if (stages.size() == 1 && stages.getFirst() instanceof SpansetExpr spanset) {
            return new Spanset(spanset);
        }
        return new Piped(pipeline(stages));
    }

    private Pipeline pipeline(List<Stage> stages) {
        return new Pipeline(stages, SourceRange.covering(stages.getFirst().range(), stages.getLast().range()));
    }

    /** Whether the next tokens are parentheses and then {@code {}: a spanset rather than a scalar in parentheses. */
    private boolean startsSpanset() {
        int ahead = 0;
        while (tokens.peek(ahead).kind() == TokenKind.LPAREN) {
            ahead++;
        }
        return tokens.peek(ahead).kind() == TokenKind.LBRACE;
    }

    private static boolean startsNumber(Token token) {
        return switch (token.kind()) {
            case INTEGER, FLOAT, DURATION, SUB -> true;
            default -> false;
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Spanset expressions

    /** Precedence climbing over spanset operators with spanset-expression operands. */
    private SpansetExpr spansetOperations(SpansetExpr lhs, int minPrecedence) {
        return tokens.nested(() -> spansetOperationsAt(lhs, minPrecedence));
    }

    private SpansetExpr spansetOperationsAt(SpansetExpr lhs, int minPrecedence) {
        while (true) {
            SpansetOp op = spansetOpAt(tokens.peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            tokens.next();
            SpansetExpr rhs = spansetOperations(spansetOperand(), op.precedence() + 1);
            lhs = new SpansetOperation(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    private SpansetExpr spansetOperand() {
        return tokens.nested(this::spansetOperandAt);
    }

    private SpansetExpr spansetOperandAt() {
        if (tokens.peek().kind() == TokenKind.LBRACE) {
            return spansetFilter();
        }
        if (tokens.peek().kind() == TokenKind.LPAREN) {
            tokens.next();
            SpansetExpr inner = spansetOperations(spansetOperand(), 1);
            tokens.expect(TokenKind.RPAREN, "')' or a spanset operator");
            return inner;
        }
        throw tokens.unexpected("a spanset filter '{' or '('");
    }

    /** As {@link #spansetOperations}, with parenthesised pipelines as operands. */
    private SpansetExpr pipelineOperations(SpansetExpr lhs, int minPrecedence) {
        return tokens.nested(() -> pipelineOperationsAt(lhs, minPrecedence));
    }

    private SpansetExpr pipelineOperationsAt(SpansetExpr lhs, int minPrecedence) {
        while (true) {
            SpansetOp op = spansetOpAt(tokens.peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            tokens.next();
            SpansetExpr rhs = pipelineOperations(pipelineOperand(), op.precedence() + 1);
            lhs = new SpansetOperation(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    private SpansetExpr pipelineOperand() {
        Token open = tokens.peek();
        if (open.kind() != TokenKind.LPAREN) {
            throw tokens.unexpected("'(': the operands of an operation on parenthesised pipelines are all in parentheses");
        }
        tokens.next();
        Group inner = group(false);
        Token close = tokens.expect(TokenKind.RPAREN, closeExpectation(inner));
        return switch (inner) {
            case Spanset spanset -> spanset.expr();
            case Piped piped -> new SubPipeline(piped.pipeline(), new SourceRange(open.start(), close.end()));
            case PipelineOperation operation -> operation.expr();
            case Arithmetic arithmetic -> throw tokens.error(Reason.PARSE_ERROR, open,
                "expected a spanset pipeline, found " + describe(arithmetic));
            case Metrics ignored -> throw new IllegalStateException("top-level metrics inside parentheses");
            case PipelineComparison ignored -> throw new IllegalStateException("comparison inside parentheses");
        };
    }

    private static SpansetOp spansetOpAt(Token token) {
        return switch (token.kind()) {
            case AND -> SpansetOp.AND;
            case OR -> SpansetOp.OR;
            case GT -> SpansetOp.CHILD;
            case LT -> SpansetOp.PARENT;
            case DESC -> SpansetOp.DESCENDANT;
            case ANCE -> SpansetOp.ANCESTOR;
            case SIBL -> SpansetOp.SIBLING;
            case NOT_CHILD -> SpansetOp.NOT_CHILD;
            case NOT_PARENT -> SpansetOp.NOT_PARENT;
            case NOT_DESC -> SpansetOp.NOT_DESCENDANT;
            case NOT_ANCE -> SpansetOp.NOT_ANCESTOR;
            case NOT_REGEX -> SpansetOp.NOT_SIBLING;
            case UNION_CHILD -> SpansetOp.UNION_CHILD;
            case UNION_PARENT -> SpansetOp.UNION_PARENT;
            case UNION_DESC -> SpansetOp.UNION_DESCENDANT;
            case UNION_ANCE -> SpansetOp.UNION_ANCESTOR;
            case UNION_SIBL -> SpansetOp.UNION_SIBLING;
            default -> null;
        };
    }

    private SpansetFilter spansetFilter() {
        Token open = tokens.expect(TokenKind.LBRACE, "'{'");
        if (tokens.peek().kind() == TokenKind.RBRACE) {
            Token close = tokens.next();
            SourceRange range = new SourceRange(open.start(), close.end());
            return new SpansetFilter(new Literal(new StaticValue.BooleanValue(true), range), range);
        }
        FieldExpr expr = fields.field(1);
        Token close = tokens.expect(TokenKind.RBRACE, "'}' or an operator");
        return new SpansetFilter(expr, new SourceRange(open.start(), close.end()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Arithmetic: numbers, aggregates, parenthesised pipelines ending in aggregates, metrics queries

    /** {@code lhs op rhs} comparing aggregates and numbers, at least one side with an aggregate. */
    private ScalarFilter scalarFilter(Arithmetic lhs) {
        BinaryOp op = FieldExpressionParser.comparisonAt(tokens.peek());
        if (op == null) {
            throw tokens.unexpected("a comparison ('=', '!=', '<', '<=', '>', '>='): aggregates are compared, as in"
                + " count() > 1");
        }
        Token operator = tokens.next();
        Arithmetic rhs = arithmetic(arithmeticOperand(), 0);
        if (lhs instanceof Constant && rhs instanceof Constant) {
            throw tokens.error(Reason.PARSE_ERROR, operator,
                "a comparison of two numbers is no filter: one side needs an aggregate, as in count() > 1");
        }
        return new ScalarFilter(op, overAggregates(lhs), overAggregates(rhs),
            SourceRange.covering(lhs.range(), rhs.range()));
    }

    /** Precedence climbing over {@code + - * / % ^}, combining operands by their kinds ({@link #combine}). */
    private Arithmetic arithmetic(Arithmetic lhs, int minPrecedence) {
        return tokens.nested(() -> arithmeticAt(lhs, minPrecedence));
    }

    private Arithmetic arithmeticAt(Arithmetic lhs, int minPrecedence) {
        while (true) {
            BinaryOp op = FieldExpressionParser.arithmeticOpAt(tokens.peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            Token operator = tokens.next();
            Arithmetic rhs = arithmetic(arithmeticOperand(),
                op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = combine(operator, op, lhs, rhs);
        }
    }

    /**
     * What Tempo's grammar makes of {@code lhs op rhs}: two numbers fold ({@code + - * /} only); metrics queries
     * combine with metrics queries and numbers ({@code + - * /}); parenthesised pipelines ending in aggregates only
     * with each other; aggregates with aggregates and numbers.
     */
    private Arithmetic combine(Token operator, BinaryOp op, Arithmetic lhs, Arithmetic rhs) {
        SourceRange range = SourceRange.covering(lhs.range(), rhs.range());
        if (lhs instanceof Constant a && rhs instanceof Constant b) {
            if (!op.isElementaryArithmetic()) {
                throw tokens.error(Reason.PARSE_ERROR, operator,
                    "'" + op.symbol() + "' does not take two numbers: arithmetic between numbers is + - * / only");
            }
            try {
                return new Constant(ConstantArithmetic.fold(op, a.value(), b.value()), range);
            } catch (ArithmeticException e) {
                throw tokens.error(Reason.PARSE_ERROR, operator, e.getMessage());
            }
        }
        if (lhs instanceof MetricsValue || rhs instanceof MetricsValue) {
            if (!op.isElementaryArithmetic()) {
                throw tokens.error(Reason.PARSE_ERROR, operator,
                    "'" + op.symbol() + "' does not apply to metrics queries: their arithmetic is + - * / only");
            }
            return new MetricsValue(new MetricsOperation(op, metricsOperand(lhs), metricsOperand(rhs), range));
        }
        if (lhs instanceof ScalarPiped || rhs instanceof ScalarPiped) {
            if (lhs instanceof ScalarPiped a && rhs instanceof ScalarPiped b) {
                return new ScalarPiped(new ScalarOperation(op, a.expr(), b.expr(), range));
            }
            throw tokens.error(Reason.PARSE_ERROR, operator,
                "arithmetic on parenthesised pipelines takes only parenthesised pipelines ending in aggregates");
        }
        return new Scalar(new ScalarOperation(op, overAggregates(lhs), overAggregates(rhs), range));
    }

    /** An operand of metrics arithmetic: a metrics query or a number that is not a duration. */
    private MetricsExpr metricsOperand(Arithmetic operand) {
        return switch (operand) {
            case MetricsValue metrics -> metrics.expr();
            case Constant constant -> {
                if (constant.value() instanceof StaticValue.DurationValue) {
                    throw tokens.errorAt(Reason.PARSE_ERROR, constant.range().start(),
                        "a duration cannot be a number in arithmetic with metrics queries");
                }
                yield new Literal(constant.value(), constant.range());
            }
            default -> throw tokens.errorAt(Reason.PARSE_ERROR, operand.range().start(),
                "expected a number or a parenthesised metrics query, found " + describe(operand));
        };
    }

    /** An operand of arithmetic over aggregates or of a scalar filter: an aggregate, or a number. */
    private ScalarExpr overAggregates(Arithmetic operand) {
        return switch (operand) {
            case Scalar scalar -> scalar.expr();
            case Constant constant -> new Literal(constant.value(), constant.range());
            default -> throw tokens.errorAt(Reason.PARSE_ERROR, operand.range().start(),
                "expected an aggregate or a number, found " + describe(operand));
        };
    }

    private static String describe(Arithmetic arithmetic) {
        return switch (arithmetic) {
            case Constant ignored -> "a number";
            case Scalar ignored -> "a scalar";
            case ScalarPiped ignored -> "one ending in an aggregate";
            case MetricsValue ignored -> "a metrics query";
        };
    }

    /**
     * A number (negated with {@code -}, which applies to numbers only), an aggregate, or a parenthesised group: a
     * number, a parenthesised metrics query, a pipeline ending in an aggregate, or arithmetic over any of them.
     */
    private Arithmetic arithmeticOperand() {
        return tokens.nested(this::arithmeticOperandAt);
    }

    private Arithmetic arithmeticOperandAt() {
        Token token = tokens.peek();
        switch (token.kind()) {
            case INTEGER, FLOAT, DURATION -> {
                tokens.next();
                return new Constant(FieldExpressionParser.numberValue(token), token.range());
            }
            case SUB -> {
                tokens.next();
                if (!(arithmeticOperand() instanceof Constant negated)) {
                    throw tokens.error(Reason.PARSE_ERROR, token,
                        "'-' here negates a number, not an aggregate or a query");
                }
                return new Constant(ConstantArithmetic.negate(negated.value()),
                    new SourceRange(token.start(), negated.range().end()));
            }
            case LPAREN -> {
                tokens.next();
                Group inner = group(false);
                tokens.expect(TokenKind.RPAREN, closeExpectation(inner));
                if (inner instanceof Arithmetic arithmetic) {
                    return arithmetic;
                }
                throw tokens.error(Reason.PARSE_ERROR, token,
                    "expected a number, an aggregate or a parenthesised metrics query, found a spanset pipeline");
            }
            case IDENTIFIER -> {
                if (AGGREGATES.containsKey((String) token.value())) {
                    return new Scalar(aggregate());
                }
            }
            default -> {
                // fall through to the error below
            }
        }
        throw tokens.unexpected("an aggregate or a number");
    }

    /** A number where Tempo's grammar takes a constant: arithmetic between numbers, folded. */
    private Constant constant(String what) {
        Token start = tokens.peek();
        if (start.kind() != TokenKind.LPAREN && !startsNumber(start)) {
            throw tokens.unexpected(what);
        }
        Arithmetic value = arithmetic(arithmeticOperand(), 0);
        if (value instanceof Constant constant) {
            return constant;
        }
        throw tokens.error(Reason.PARSE_ERROR, start, "expected " + what + ", found " + describe(value));
    }

    private Aggregate aggregate() {
        Token name = tokens.next();
        AggregateOp op = AGGREGATES.get((String) name.value());
        tokens.expect(TokenKind.LPAREN, "'(' after " + op.word());
        FieldExpr argument = null;
        if (op == AggregateOp.COUNT) {
            if (tokens.peek().kind() != TokenKind.RPAREN) {
                throw tokens.unexpected("')': count() takes no argument");
            }
        } else {
            if (tokens.peek().kind() == TokenKind.RPAREN) {
                throw tokens.unexpected(op.word() + "'s argument");
            }
            argument = fields.field(1);
        }
        Token close = tokens.expect(TokenKind.RPAREN, "')' or an operator");
        return new Aggregate(op, argument, new SourceRange(name.start(), close.end()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pipeline stages

    private GroupBy groupBy() {
        Token by = tokens.next();
        tokens.expect(TokenKind.LPAREN, "'(' after by");
        FieldExpr expr = fields.field(1);
        Token close = tokens.expect(TokenKind.RPAREN, "')' or an operator");
        return new GroupBy(expr, new SourceRange(by.start(), close.end()));
    }

    private Select select() {
        Token select = tokens.next();
        tokens.expect(TokenKind.LPAREN, "'(' after select");
        List<FieldRef> selected = fields.fieldRefs();
        Token close = tokens.expect(TokenKind.RPAREN, "',' or ')'");
        return new Select(selected, new SourceRange(select.start(), close.end()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Metrics

    private MetricsStage metricsStage() {
        Token name = tokens.next();
        String word = (String) name.value();
        tokens.expect(TokenKind.LPAREN, "'(' after " + word);
        if (word.equals("compare")) {
            if (tokens.peek().kind() != TokenKind.LBRACE) {
                throw tokens.unexpected("a spanset filter '{ … }' as compare()'s first argument");
            }
            SpansetFilter filter = spansetFilter();
            long topN = Compare.DEFAULT_TOP_N;
            long start = 0;
            long end = 0;
            if (tokens.peek().kind() == TokenKind.COMMA) {
                tokens.next();
                topN = integer("the number of top values");
                if (tokens.peek().kind() == TokenKind.COMMA) {
                    tokens.next();
                    start = integer("the start in unix nanoseconds");
                    tokens.expect(TokenKind.COMMA, "',' and the end: compare() takes a start and an end together");
                    end = integer("the end in unix nanoseconds");
                }
            }
            Token close = tokens.expect(TokenKind.RPAREN, "',' or ')'");
            return new Compare(filter, topN, start, end, new SourceRange(name.start(), close.end()));
        }
        MetricsFunction function = METRICS_FUNCTIONS.get(word);
        FieldRef field = null;
        List<Double> quantiles = new ArrayList<>();
        if (function.takesField()) {
            if (tokens.peek().kind() == TokenKind.RPAREN) {
                throw tokens.unexpected("the attribute or intrinsic " + word + "() aggregates");
            }
            field = fields.fieldRef();
            if (function == MetricsFunction.QUANTILE_OVER_TIME) {
                tokens.expect(TokenKind.COMMA, "',' and the quantiles");
                quantiles.add(quantile());
                while (tokens.peek().kind() == TokenKind.COMMA) {
                    tokens.next();
                    quantiles.add(quantile());
                }
            }
        }
        Token close = tokens.expect(TokenKind.RPAREN,
            function.takesField() ? "')'" : "')': " + word + "() takes no argument");
        List<FieldRef> by = List.of();
        if (tokens.peek().isWord("by")) {
            tokens.next();
            tokens.expect(TokenKind.LPAREN, "'(' after by");
            by = fields.fieldRefs();
            close = tokens.expect(TokenKind.RPAREN, "',' or ')'");
        }
        return new MetricsAggregate(function, field, quantiles, by, new SourceRange(name.start(), close.end()));
    }

    private double quantile() {
        Token token = tokens.peek();
        if (token.kind() == TokenKind.INTEGER) {
            tokens.next();
            return (Long) token.value();
        }
        if (token.kind() == TokenKind.FLOAT) {
            tokens.next();
            return (Double) token.value();
        }
        throw tokens.unexpected("a quantile (a number from 0 to 1)");
    }

    private long integer(String what) {
        Token token = tokens.peek();
        if (token.kind() != TokenKind.INTEGER) {
            throw tokens.unexpected(what + " (an integer)");
        }
        tokens.next();
        return (Long) token.value();
    }

    /** {@code | topk(n)}, {@code | bottomk(n)} and comparisons with a number, in any order. */
    private List<SecondStage> secondStages() {
        List<SecondStage> stages = new ArrayList<>();
        while (true) {
            Token token = tokens.peek();
            BinaryOp op = FieldExpressionParser.comparisonAt(token);
            if (token.kind() == TokenKind.PIPE) {
                tokens.next();
                Token name = tokens.peek();
                if (!name.isWord("topk") && !name.isWord("bottomk")) {
                    throw tokens.unexpected("topk() or bottomk() after a metrics function and '|'");
                }
                tokens.next();
                tokens.expect(TokenKind.LPAREN, "'('");
                long limit = integer("the number of series");
                Token close = tokens.expect(TokenKind.RPAREN, "')'");
                stages.add(new TopK(name.isWord("bottomk"), limit, new SourceRange(name.start(), close.end())));
            } else if (op != null) {
                tokens.next();
                Constant threshold = constant("a number to compare the metric with");
                stages.add(new MetricsFilter(op, threshold.value(), new SourceRange(token.start(),
                    threshold.range().end())));
            } else {
                return stages;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hints

    private List<Hint> hints() {
        tokens.next();
        tokens.expect(TokenKind.LPAREN, "'(' after with");
        List<Hint> hints = new ArrayList<>();
        hints.add(hint());
        while (tokens.peek().kind() == TokenKind.COMMA) {
            tokens.next();
            hints.add(hint());
        }
        tokens.expect(TokenKind.RPAREN, "',' or ')'");
        return hints;
    }

    private Hint hint() {
        Token key = tokens.peek();
        if (key.kind() != TokenKind.IDENTIFIER || FieldExpressionParser.KEYWORDS.contains((String) key.value())) {
            throw tokens.unexpected("a hint name");
        }
        tokens.next();
        tokens.expect(TokenKind.EQ, "'=' after the hint name");
        Literal value = fields.literal("a hint value (a literal)");
        return new Hint((String) key.value(), value.value(), SourceRange.covering(key.range(), value.range()));
    }
}
