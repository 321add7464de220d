package io.pqflux.traceql.internal;

import io.pqflux.traceql.TraceQl;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

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

    /** Tempo's keywords: not usable as hint names, and never an "unknown identifier". */
    private static final Set<String> KEYWORDS = Set.of(
        "true", "false", "nil", "ok", "error", "unset", "unspecified", "internal", "server", "client", "producer",
        "consumer", "duration", "childCount", "name", "status", "statusMessage", "kind", "rootName", "rootServiceName",
        "rootService", "traceDuration", "nestedSetLeft", "nestedSetRight", "nestedSetParent", "id", "traceID", "spanID",
        "parentID", "timeSinceStart", "version", "parent", "count", "avg", "max", "min", "sum", "by", "coalesce",
        "select", "rate", "count_over_time", "min_over_time", "max_over_time", "avg_over_time", "sum_over_time",
        "quantile_over_time", "histogram_over_time", "compare", "topk", "bottomk", "with");
    private static final Map<String, StaticValue> WORD_LITERALS = Map.ofEntries(
        Map.entry("true", new StaticValue.BooleanValue(true)), Map.entry("false", new StaticValue.BooleanValue(false)),
        Map.entry("ok", new StaticValue.StatusValue(Status.OK)),
        Map.entry("error", new StaticValue.StatusValue(Status.ERROR)),
        Map.entry("unset", new StaticValue.StatusValue(Status.UNSET)),
        Map.entry("unspecified", new StaticValue.KindValue(SpanKind.UNSPECIFIED)),
        Map.entry("internal", new StaticValue.KindValue(SpanKind.INTERNAL)),
        Map.entry("server", new StaticValue.KindValue(SpanKind.SERVER)),
        Map.entry("client", new StaticValue.KindValue(SpanKind.CLIENT)),
        Map.entry("producer", new StaticValue.KindValue(SpanKind.PRODUCER)),
        Map.entry("consumer", new StaticValue.KindValue(SpanKind.CONSUMER)),
        // Tempo 3.0's two named integers
        Map.entry("minInt", new StaticValue.IntValue(Long.MIN_VALUE)),
        Map.entry("maxInt", new StaticValue.IntValue(Long.MAX_VALUE)));
    private static final Map<String, AggregateOp> AGGREGATES = Map.of(
        "count", AggregateOp.COUNT, "avg", AggregateOp.AVG, "min", AggregateOp.MIN, "max", AggregateOp.MAX,
        "sum", AggregateOp.SUM);
    private static final Map<String, MetricsFunction> METRICS_FUNCTIONS = Map.of(
        "rate", MetricsFunction.RATE, "count_over_time", MetricsFunction.COUNT_OVER_TIME,
        "min_over_time", MetricsFunction.MIN_OVER_TIME, "max_over_time", MetricsFunction.MAX_OVER_TIME,
        "sum_over_time", MetricsFunction.SUM_OVER_TIME, "avg_over_time", MetricsFunction.AVG_OVER_TIME,
        "histogram_over_time", MetricsFunction.HISTOGRAM_OVER_TIME,
        "quantile_over_time", MetricsFunction.QUANTILE_OVER_TIME);
    private static final int MAX_TOKEN_TEXT = 40;

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

    private final String query;
    private final TraceQlLexer lexer;
    private final List<Token> tokens = new ArrayList<>();
    private int index;
    /** How many of the recursive descents below are open: a bound on the parser's own stack. */
    private int nesting;

    private TraceQlParser(String query) {
        this.query = query;
        this.lexer = new TraceQlLexer(query);
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
            throw parser.lexer.error(Reason.TOO_LARGE, TraceQl.MAX_QUERY_LENGTH, "the query is " + query.length()
                + " characters long; the limit is " + TraceQl.MAX_QUERY_LENGTH);
        }
        Query parsed = parser.query();
        Node tooDeep = NestingDepth.deeperThan(parsed, TraceQl.MAX_NESTING);
        if (tooDeep != null) {
            throw parser.tooDeep(tooDeep.range().start());
        }
        return parsed;
    }

    private Query query() {
        Token first = peek();
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
        while (peek().isWord("with")) {
            // as in Tempo, a later with(…) replaces an earlier one
            hints = hints();
            continuations = "'with(…)' or end of query";
        }
        Token end = peek();
        if (end.kind() != TokenKind.END) {
            throw unexpected(continuations);
        }
        return new Query(pipeline, metrics, secondStages, hints, new SourceRange(first.start(), previousEnd()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Groups: the top level and the inside of parentheses that may hold a pipeline

    private Group group(boolean top) {
        return nested(() -> groupAt(top));
    }

    private Group groupAt(boolean top) {
        Token token = peek();
        switch (token.kind()) {
            case LPAREN -> {
                next();
                Group inner = group(false);
                Token close = expect(TokenKind.RPAREN, closeExpectation(inner));
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
                    throw error(Reason.PARSE_ERROR, token, "a pipeline cannot start with coalesce()");
                }
                if (METRICS_FUNCTIONS.containsKey(word) || word.equals("compare")) {
                    throw error(Reason.PARSE_ERROR, token,
                        word + "() needs a spanset pipeline before it, as in {} | " + word + "(…)");
                }
            }
            default -> {
                // fall through to the error below
            }
        }
        throw unexpected("'{', '(' or a pipeline stage");
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
        if (spansetOpAt(peek()) == null && first instanceof SubPipeline sub) {
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
        boolean compared = comparisonAt(peek()) != null;
        return switch (expr) {
            case MetricsValue metrics -> top ? metricsRoot(metrics.expr()) : metrics;
            case ScalarPiped piped when top -> pipelineComparison(piped);
            case ScalarPiped piped -> {
                if (compared) {
                    throw error(Reason.PARSE_ERROR, peek(),
                        "a comparison of parenthesised pipelines must be the whole query, not in parentheses");
                }
                yield piped;
            }
            case Constant constant when !top && !compared -> constant;
            case Scalar scalar when !top && !compared && peek().kind() == TokenKind.RPAREN -> scalar;
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
        BinaryOp op = comparisonAt(peek());
        if (op == null) {
            throw unexpected("a comparison ('=', '!=', '<', '<=', '>', '>=') or an arithmetic operator");
        }
        next();
        Token start = peek();
        ScalarExpr rhs = switch (arithmetic(arithmeticOperand(), 0)) {
            case ScalarPiped piped -> piped.expr();
            case Constant constant -> new Literal(constant.value(), constant.range());
            case Arithmetic other -> throw error(Reason.PARSE_ERROR, start,
                "expected a number or a parenthesised pipeline ending in an aggregate, found " + describe(other));
        };
        return new PipelineComparison(new ScalarFilter(op, lhs.expr(), rhs, SourceRange.covering(lhs.range(),
            rhs.range())));
    }

    /** The {@code | stage} sequence after a first stage; it may end in a metrics function and its second stages. */
    private Group pipelineTail(List<Stage> stages, boolean top) {
        while (peek().kind() == TokenKind.PIPE) {
            next();
            Token token = peek();
            String word = token.kind() == TokenKind.IDENTIFIER ? (String) token.value() : "";
            if (METRICS_FUNCTIONS.containsKey(word) || word.equals("compare")) {
                Pipeline pipeline = pipeline(stages);
                MetricsStage function = metricsStage();
                List<SecondStage> secondStages = secondStages();
                MetricsPipeline metrics = new MetricsPipeline(pipeline, function, secondStages,
                    new SourceRange(pipeline.range().start(), previousEnd()));
                return top ? new Metrics(metrics, List.of()) : new MetricsValue(metrics);
            }
            if (AGGREGATES.containsKey(word)) {
                Aggregate aggregate = aggregate();
                if (!top && peek().kind() == TokenKind.RPAREN) {
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
                Token coalesce = next();
                expect(TokenKind.LPAREN, "'('");
                Token close = expect(TokenKind.RPAREN, "')': coalesce() takes no argument");
                stages.add(new Coalesce(new SourceRange(coalesce.start(), close.end())));
            } else if (word.equals("select")) {
                stages.add(select());
            } else if (word.equals("topk") || word.equals("bottomk")) {
                throw error(Reason.PARSE_ERROR, token,
                    word + "() follows a metrics function, as in {} | rate() | " + word + "(5)");
            } else {
                throw unexpected("a pipeline stage after '|'");
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
        while (peek(ahead).kind() == TokenKind.LPAREN) {
            ahead++;
        }
        return peek(ahead).kind() == TokenKind.LBRACE;
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
        return nested(() -> spansetOperationsAt(lhs, minPrecedence));
    }

    private SpansetExpr spansetOperationsAt(SpansetExpr lhs, int minPrecedence) {
        while (true) {
            SpansetOp op = spansetOpAt(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            next();
            SpansetExpr rhs = spansetOperations(spansetOperand(), op.precedence() + 1);
            lhs = new SpansetOperation(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    private SpansetExpr spansetOperand() {
        return nested(this::spansetOperandAt);
    }

    private SpansetExpr spansetOperandAt() {
        if (peek().kind() == TokenKind.LBRACE) {
            return spansetFilter();
        }
        if (peek().kind() == TokenKind.LPAREN) {
            next();
            SpansetExpr inner = spansetOperations(spansetOperand(), 1);
            expect(TokenKind.RPAREN, "')' or a spanset operator");
            return inner;
        }
        throw unexpected("a spanset filter '{' or '('");
    }

    /** As {@link #spansetOperations}, with parenthesised pipelines as operands. */
    private SpansetExpr pipelineOperations(SpansetExpr lhs, int minPrecedence) {
        return nested(() -> pipelineOperationsAt(lhs, minPrecedence));
    }

    private SpansetExpr pipelineOperationsAt(SpansetExpr lhs, int minPrecedence) {
        while (true) {
            SpansetOp op = spansetOpAt(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            next();
            SpansetExpr rhs = pipelineOperations(pipelineOperand(), op.precedence() + 1);
            lhs = new SpansetOperation(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    private SpansetExpr pipelineOperand() {
        Token open = peek();
        if (open.kind() != TokenKind.LPAREN) {
            throw unexpected("'(': the operands of an operation on parenthesised pipelines are all in parentheses");
        }
        next();
        Group inner = group(false);
        Token close = expect(TokenKind.RPAREN, closeExpectation(inner));
        return switch (inner) {
            case Spanset spanset -> spanset.expr();
            case Piped piped -> new SubPipeline(piped.pipeline(), new SourceRange(open.start(), close.end()));
            case PipelineOperation operation -> operation.expr();
            case Arithmetic arithmetic -> throw error(Reason.PARSE_ERROR, open,
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
        Token open = expect(TokenKind.LBRACE, "'{'");
        if (peek().kind() == TokenKind.RBRACE) {
            Token close = next();
            SourceRange range = new SourceRange(open.start(), close.end());
            return new SpansetFilter(new Literal(new StaticValue.BooleanValue(true), range), range);
        }
        FieldExpr expr = field(1);
        Token close = expect(TokenKind.RBRACE, "'}' or an operator");
        return new SpansetFilter(expr, new SourceRange(open.start(), close.end()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Arithmetic: numbers, aggregates, parenthesised pipelines ending in aggregates, metrics queries

    /** {@code lhs op rhs} comparing aggregates and numbers, at least one side with an aggregate. */
    private ScalarFilter scalarFilter(Arithmetic lhs) {
        BinaryOp op = comparisonAt(peek());
        if (op == null) {
            throw unexpected("a comparison ('=', '!=', '<', '<=', '>', '>='): aggregates are compared, as in"
                + " count() > 1");
        }
        Token operator = next();
        Arithmetic rhs = arithmetic(arithmeticOperand(), 0);
        if (lhs instanceof Constant && rhs instanceof Constant) {
            throw error(Reason.PARSE_ERROR, operator,
                "a comparison of two numbers is no filter: one side needs an aggregate, as in count() > 1");
        }
        return new ScalarFilter(op, overAggregates(lhs), overAggregates(rhs),
            SourceRange.covering(lhs.range(), rhs.range()));
    }

    /** Precedence climbing over {@code + - * / % ^}, combining operands by their kinds ({@link #combine}). */
    private Arithmetic arithmetic(Arithmetic lhs, int minPrecedence) {
        return nested(() -> arithmeticAt(lhs, minPrecedence));
    }

    private Arithmetic arithmeticAt(Arithmetic lhs, int minPrecedence) {
        while (true) {
            BinaryOp op = arithmeticOpAt(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            Token operator = next();
            Arithmetic rhs = arithmetic(arithmeticOperand(), op.rightAssociative() ? op.precedence() : op.precedence() + 1);
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
                throw error(Reason.PARSE_ERROR, operator,
                    "'" + op.symbol() + "' does not take two numbers: arithmetic between numbers is + - * / only");
            }
            try {
                return new Constant(ConstantArithmetic.fold(op, a.value(), b.value()), range);
            } catch (ArithmeticException e) {
                throw error(Reason.PARSE_ERROR, operator, e.getMessage());
            }
        }
        if (lhs instanceof MetricsValue || rhs instanceof MetricsValue) {
            if (!op.isElementaryArithmetic()) {
                throw error(Reason.PARSE_ERROR, operator,
                    "'" + op.symbol() + "' does not apply to metrics queries: their arithmetic is + - * / only");
            }
            return new MetricsValue(new MetricsOperation(op, metricsOperand(lhs), metricsOperand(rhs), range));
        }
        if (lhs instanceof ScalarPiped || rhs instanceof ScalarPiped) {
            if (lhs instanceof ScalarPiped a && rhs instanceof ScalarPiped b) {
                return new ScalarPiped(new ScalarOperation(op, a.expr(), b.expr(), range));
            }
            throw error(Reason.PARSE_ERROR, operator,
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
                    throw lexer.error(Reason.PARSE_ERROR, constant.range().start(),
                        "a duration cannot be a number in arithmetic with metrics queries");
                }
                yield new Literal(constant.value(), constant.range());
            }
            default -> throw lexer.error(Reason.PARSE_ERROR, operand.range().start(),
                "expected a number or a parenthesised metrics query, found " + describe(operand));
        };
    }

    /** An operand of arithmetic over aggregates or of a scalar filter: an aggregate, or a number. */
    private ScalarExpr overAggregates(Arithmetic operand) {
        return switch (operand) {
            case Scalar scalar -> scalar.expr();
            case Constant constant -> new Literal(constant.value(), constant.range());
            default -> throw lexer.error(Reason.PARSE_ERROR, operand.range().start(),
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
        return nested(this::arithmeticOperandAt);
    }

    private Arithmetic arithmeticOperandAt() {
        Token token = peek();
        switch (token.kind()) {
            case INTEGER, FLOAT, DURATION -> {
                next();
                return new Constant(numberValue(token), token.range());
            }
            case SUB -> {
                next();
                if (!(arithmeticOperand() instanceof Constant negated)) {
                    throw error(Reason.PARSE_ERROR, token, "'-' here negates a number, not an aggregate or a query");
                }
                return new Constant(ConstantArithmetic.negate(negated.value()),
                    new SourceRange(token.start(), negated.range().end()));
            }
            case LPAREN -> {
                next();
                Group inner = group(false);
                expect(TokenKind.RPAREN, closeExpectation(inner));
                if (inner instanceof Arithmetic arithmetic) {
                    return arithmetic;
                }
                throw error(Reason.PARSE_ERROR, token,
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
        throw unexpected("an aggregate or a number");
    }

    /** A number where Tempo's grammar takes a constant: arithmetic between numbers, folded. */
    private Constant constant(String what) {
        Token start = peek();
        if (start.kind() != TokenKind.LPAREN && !startsNumber(start)) {
            throw unexpected(what);
        }
        Arithmetic value = arithmetic(arithmeticOperand(), 0);
        if (value instanceof Constant constant) {
            return constant;
        }
        throw error(Reason.PARSE_ERROR, start, "expected " + what + ", found " + describe(value));
    }

    private static StaticValue numberValue(Token token) {
        return switch (token.kind()) {
            case INTEGER -> new StaticValue.IntValue((Long) token.value());
            case FLOAT -> new StaticValue.FloatValue((Double) token.value());
            case DURATION -> new StaticValue.DurationValue((Long) token.value());
            default -> throw new IllegalArgumentException("not a number: " + token);
        };
    }

    private Aggregate aggregate() {
        Token name = next();
        AggregateOp op = AGGREGATES.get((String) name.value());
        expect(TokenKind.LPAREN, "'(' after " + op.word());
        FieldExpr argument = null;
        if (op == AggregateOp.COUNT) {
            if (peek().kind() != TokenKind.RPAREN) {
                throw unexpected("')': count() takes no argument");
            }
        } else {
            if (peek().kind() == TokenKind.RPAREN) {
                throw unexpected(op.word() + "'s argument");
            }
            argument = field(1);
        }
        Token close = expect(TokenKind.RPAREN, "')' or an operator");
        return new Aggregate(op, argument, new SourceRange(name.start(), close.end()));
    }

    private static BinaryOp comparisonAt(Token token) {
        return switch (token.kind()) {
            case EQ -> BinaryOp.EQ;
            case NEQ -> BinaryOp.NEQ;
            case LT -> BinaryOp.LT;
            case LTE -> BinaryOp.LTE;
            case GT -> BinaryOp.GT;
            case GTE -> BinaryOp.GTE;
            default -> null;
        };
    }

    private static BinaryOp arithmeticOpAt(Token token) {
        return switch (token.kind()) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            default -> null;
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Field expressions

    /**
     * Precedence climbing as expr.y: {@code && ||}, then comparisons and regex matches, {@code + -},
     * {@code * / %}, {@code ^} (right-associative). {@code x = nil} and {@code x != nil} become existence checks
     * right away, whatever follows, as the grammar's nil rules reduce.
     */
    private FieldExpr field(int minPrecedence) {
        return nested(() -> fieldAt(minPrecedence));
    }

    private FieldExpr fieldAt(int minPrecedence) {
        FieldExpr lhs = fieldOperand();
        while (true) {
            BinaryOp op = fieldOpAt(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            next();
            if ((op == BinaryOp.EQ || op == BinaryOp.NEQ) && peek().isWord("nil")) {
                Token nil = next();
                lhs = new UnaryExpr(op == BinaryOp.EQ ? UnaryOp.NOT_EXISTS : UnaryOp.EXISTS, lhs,
                    new SourceRange(lhs.range().start(), nil.end()));
                continue;
            }
            FieldExpr rhs = field(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = new BinaryExpr(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    private FieldExpr fieldOperand() {
        Token token = peek();
        switch (token.kind()) {
            case SUB, NOT -> {
                next();
                // as expr.y: the operand takes the operators that bind tighter than '!' ('* / %' and '^')
                FieldExpr operand = field(BinaryOp.UNARY_OPERAND_PRECEDENCE);
                return new UnaryExpr(token.kind() == TokenKind.SUB ? UnaryOp.NEGATE : UnaryOp.NOT, operand,
                    new SourceRange(token.start(), operand.range().end()));
            }
            case LPAREN -> {
                next();
                FieldExpr inner = field(1);
                expect(TokenKind.RPAREN, "')' or an operator");
                return inner;
            }
            case STRING, INTEGER, FLOAT, DURATION -> {
                return literal("a literal");
            }
            case ATTRIBUTE -> {
                next();
                return new AttributeField(token.scope(), token.parent(), (String) token.value(), token.range());
            }
            case SCOPE_COLON -> {
                return scopedIntrinsic();
            }
            case IDENTIFIER -> {
                return wordOperand(token);
            }
            default -> throw unexpected("an attribute, intrinsic or literal");
        }
    }

    private FieldExpr wordOperand(Token token) {
        String word = (String) token.value();
        if (word.equals("nil")) {
            next();
            BinaryOp op = comparisonAt(peek());
            if (op != BinaryOp.EQ && op != BinaryOp.NEQ) {
                throw unexpected("'=' or '!=' after nil (nil only tests whether a field exists)");
            }
            next();
            if (peek().isWord("nil")) {
                // nil = nil and nil != nil are both false in Tempo
                Token nil = next();
                return new Literal(new StaticValue.BooleanValue(false), new SourceRange(token.start(), nil.end()));
            }
            FieldExpr operand = field(BinaryOp.ADD.precedence());
            return new UnaryExpr(op == BinaryOp.EQ ? UnaryOp.NOT_EXISTS : UnaryOp.EXISTS, operand,
                new SourceRange(token.start(), operand.range().end()));
        }
        if (WORD_LITERALS.containsKey(word)) {
            return literal("a literal");
        }
        Intrinsic intrinsic = Intrinsic.unscoped(word);
        if (intrinsic != null) {
            next();
            return new IntrinsicField(intrinsic, token.range());
        }
        throw unknownWord(token, "an attribute, intrinsic or literal");
    }

    private TraceQlException unknownWord(Token token, String expected) {
        String word = (String) token.value();
        for (String scope : List.of("span", "trace", "event", "link", "instrumentation")) {
            if (Intrinsic.scoped(scope, word) != null) {
                return error(Reason.PARSE_ERROR, token, "expected " + expected + ", found '" + word
                    + "' (an intrinsic that needs its scope: " + scope + ":" + word + ")");
            }
        }
        if (KEYWORDS.contains(word)) {
            return unexpected(expected);
        }
        return error(Reason.PARSE_ERROR, token, "unknown identifier '" + word
            + "': attributes need a scope, as in ." + word + " or span." + word);
    }

    private IntrinsicField scopedIntrinsic() {
        Token scope = next();
        Token word = peek();
        String scopeWord = (String) scope.value();
        Intrinsic intrinsic = word.kind() == TokenKind.IDENTIFIER
            ? Intrinsic.scoped(scopeWord, (String) word.value()) : null;
        if (intrinsic == null) {
            throw error(Reason.PARSE_ERROR, word, "expected one of " + String.join(", ", Intrinsic.wordsAfter(scopeWord))
                + " after '" + scopeWord + ":', found " + describe(word));
        }
        next();
        return new IntrinsicField(intrinsic, new SourceRange(scope.start(), word.end()));
    }

    private static BinaryOp fieldOpAt(Token token) {
        return switch (token.kind()) {
            case AND -> BinaryOp.AND;
            case OR -> BinaryOp.OR;
            case REGEX -> BinaryOp.REGEX;
            case NOT_REGEX -> BinaryOp.NOT_REGEX;
            default -> {
                BinaryOp op = comparisonAt(token);
                yield op != null ? op : arithmeticOpAt(token);
            }
        };
    }

    /** A literal: string, number, duration, boolean, status, kind, minInt, maxInt. */
    private Literal literal(String expected) {
        Token token = peek();
        StaticValue value = switch (token.kind()) {
            case STRING -> new StaticValue.StringValue((String) token.value());
            case INTEGER, FLOAT, DURATION -> numberValue(token);
            case IDENTIFIER -> WORD_LITERALS.get((String) token.value());
            default -> null;
        };
        if (value == null) {
            throw unexpected(expected);
        }
        next();
        return new Literal(value, token.range());
    }

    /** An attribute or an intrinsic, without operators: what select(), the metrics functions and by(…) take. */
    private FieldRef fieldRef() {
        Token token = peek();
        if (token.kind() == TokenKind.ATTRIBUTE) {
            next();
            return new AttributeField(token.scope(), token.parent(), (String) token.value(), token.range());
        }
        if (token.kind() == TokenKind.SCOPE_COLON) {
            return scopedIntrinsic();
        }
        if (token.kind() == TokenKind.IDENTIFIER) {
            Intrinsic intrinsic = Intrinsic.unscoped((String) token.value());
            if (intrinsic != null) {
                next();
                return new IntrinsicField(intrinsic, token.range());
            }
            throw unknownWord(token, "an attribute or intrinsic");
        }
        throw unexpected("an attribute or intrinsic");
    }

    private List<FieldRef> fieldRefs() {
        List<FieldRef> refs = new ArrayList<>();
        refs.add(fieldRef());
        while (peek().kind() == TokenKind.COMMA) {
            next();
            refs.add(fieldRef());
        }
        return refs;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pipeline stages

    private GroupBy groupBy() {
        Token by = next();
        expect(TokenKind.LPAREN, "'(' after by");
        FieldExpr expr = field(1);
        Token close = expect(TokenKind.RPAREN, "')' or an operator");
        return new GroupBy(expr, new SourceRange(by.start(), close.end()));
    }

    private Select select() {
        Token select = next();
        expect(TokenKind.LPAREN, "'(' after select");
        List<FieldRef> fields = fieldRefs();
        Token close = expect(TokenKind.RPAREN, "',' or ')'");
        return new Select(fields, new SourceRange(select.start(), close.end()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Metrics

    private MetricsStage metricsStage() {
        Token name = next();
        String word = (String) name.value();
        expect(TokenKind.LPAREN, "'(' after " + word);
        if (word.equals("compare")) {
            if (peek().kind() != TokenKind.LBRACE) {
                throw unexpected("a spanset filter '{ … }' as compare()'s first argument");
            }
            SpansetFilter filter = spansetFilter();
            long topN = Compare.DEFAULT_TOP_N;
            long start = 0;
            long end = 0;
            if (peek().kind() == TokenKind.COMMA) {
                next();
                topN = integer("the number of top values");
                if (peek().kind() == TokenKind.COMMA) {
                    next();
                    start = integer("the start in unix nanoseconds");
                    expect(TokenKind.COMMA, "',' and the end: compare() takes a start and an end together");
                    end = integer("the end in unix nanoseconds");
                }
            }
            Token close = expect(TokenKind.RPAREN, "',' or ')'");
            return new Compare(filter, topN, start, end, new SourceRange(name.start(), close.end()));
        }
        MetricsFunction function = METRICS_FUNCTIONS.get(word);
        FieldRef field = null;
        List<Double> quantiles = new ArrayList<>();
        if (function.takesField()) {
            if (peek().kind() == TokenKind.RPAREN) {
                throw unexpected("the attribute or intrinsic " + word + "() aggregates");
            }
            field = fieldRef();
            if (function == MetricsFunction.QUANTILE_OVER_TIME) {
                expect(TokenKind.COMMA, "',' and the quantiles");
                quantiles.add(quantile());
                while (peek().kind() == TokenKind.COMMA) {
                    next();
                    quantiles.add(quantile());
                }
            }
        }
        Token close = expect(TokenKind.RPAREN, function.takesField() ? "')'" : "')': " + word + "() takes no argument");
        List<FieldRef> by = List.of();
        if (peek().isWord("by")) {
            next();
            expect(TokenKind.LPAREN, "'(' after by");
            by = fieldRefs();
            close = expect(TokenKind.RPAREN, "',' or ')'");
        }
        return new MetricsAggregate(function, field, quantiles, by, new SourceRange(name.start(), close.end()));
    }

    private double quantile() {
        Token token = peek();
        if (token.kind() == TokenKind.INTEGER) {
            next();
            return (Long) token.value();
        }
        if (token.kind() == TokenKind.FLOAT) {
            next();
            return (Double) token.value();
        }
        throw unexpected("a quantile (a number from 0 to 1)");
    }

    private long integer(String what) {
        Token token = peek();
        if (token.kind() != TokenKind.INTEGER) {
            throw unexpected(what + " (an integer)");
        }
        next();
        return (Long) token.value();
    }

    /** {@code | topk(n)}, {@code | bottomk(n)} and comparisons with a number, in any order. */
    private List<SecondStage> secondStages() {
        List<SecondStage> stages = new ArrayList<>();
        while (true) {
            Token token = peek();
            BinaryOp op = comparisonAt(token);
            if (token.kind() == TokenKind.PIPE) {
                next();
                Token name = peek();
                if (!name.isWord("topk") && !name.isWord("bottomk")) {
                    throw unexpected("topk() or bottomk() after a metrics function and '|'");
                }
                next();
                expect(TokenKind.LPAREN, "'('");
                long limit = integer("the number of series");
                Token close = expect(TokenKind.RPAREN, "')'");
                stages.add(new TopK(name.isWord("bottomk"), limit, new SourceRange(name.start(), close.end())));
            } else if (op != null) {
                next();
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
        next();
        expect(TokenKind.LPAREN, "'(' after with");
        List<Hint> hints = new ArrayList<>();
        hints.add(hint());
        while (peek().kind() == TokenKind.COMMA) {
            next();
            hints.add(hint());
        }
        expect(TokenKind.RPAREN, "',' or ')'");
        return hints;
    }

    private Hint hint() {
        Token key = peek();
        if (key.kind() != TokenKind.IDENTIFIER || KEYWORDS.contains((String) key.value())) {
            throw unexpected("a hint name");
        }
        next();
        expect(TokenKind.EQ, "'=' after the hint name");
        Literal value = literal("a hint value (a literal)");
        return new Hint((String) key.value(), value.value(), SourceRange.covering(key.range(), value.range()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tokens

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        while (tokens.size() <= index + ahead) {
            tokens.add(lexer.next());
        }
        return tokens.get(index + ahead);
    }

    private Token next() {
        Token token = peek();
        index++;
        return token;
    }

    private int previousEnd() {
        return index == 0 ? 0 : tokens.get(index - 1).end();
    }

    private Token expect(TokenKind kind, String expected) {
        if (peek().kind() != kind) {
            throw unexpected(expected);
        }
        return next();
    }

    private TraceQlException unexpected(String expected) {
        Token token = peek();
        return error(Reason.PARSE_ERROR, token, "expected " + expected + ", found " + describe(token));
    }

    private String describe(Token token) {
        if (token.kind() == TokenKind.END) {
            return "end of query";
        }
        String text = query.substring(token.start(), token.end());
        return "'" + (text.length() > MAX_TOKEN_TEXT ? text.substring(0, MAX_TOKEN_TEXT - 1) + "…" : text) + "'";
    }

    private TraceQlException error(Reason reason, Token at, String detail) {
        return lexer.error(reason, at.start(), detail);
    }

    /**
     * Runs one level of the recursive descent (every cycle of it passes through one of these levels), refusing the
     * query past {@link TraceQl#MAX_NESTING} open levels.
     */
    private <T> T nested(Supplier<T> level) {
        if (++nesting > TraceQl.MAX_NESTING) {
            throw tooDeep(peek().start());
        }
        try {
            return level.get();
        } finally {
            nesting--;
        }
    }

    private TraceQlException tooDeep(int offset) {
        return lexer.error(Reason.TOO_LARGE, offset, "the query nests deeper than " + TraceQl.MAX_NESTING
            + " levels (parentheses, unary operators and the operands of a chain such as 'a || b || c' each count one)");
    }
}
