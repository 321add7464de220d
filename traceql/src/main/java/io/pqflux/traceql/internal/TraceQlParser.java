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
 * A recursive-descent parser for TraceQL as of Tempo 3.0, accepting what Tempo's LALR grammar ({@code expr.y})
 * accepts, with its precedences. Where the grammar is ambiguous the parser decides as goyacc's default (shift) does:
 * a parenthesised spanset expression at the start of a query or group, {@code ({ .a })}, is a spanset expression, so
 * the operations that follow it take spanset expressions and not parenthesised pipelines; a parenthesised pipeline is
 * an operand only where the query (or group) starts with one.
 *
 * <p>The query's top level is one of: a pipeline ({@code { … } | by(…) | count() > 1 | select(…)}), optionally
 * followed by a metrics function and its second stage; an operation on parenthesised pipelines
 * ({@code ({ .a } | count() > 1) && ({ .b })}); or a comparison of parenthesised pipelines ending in aggregates
 * ({@code ({ .a } | count()) > 2}, which Tempo parses and then reports unsupported). Hints ({@code with(…)}) end it.
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

    /** Arithmetic over aggregates and numbers not yet compared: {@code (count() + 1)}. */
    private record Scalar(ScalarExpr expr) implements Group {
    }

    /** A pipeline that is more than a spanset expression. */
    private record Piped(Pipeline pipeline) implements Group {
    }

    /** Spanset operators over parenthesised pipelines. */
    private record PipelineOperation(SpansetExpr expr) implements Group {
    }

    /** {@code (pipeline | aggregate)}, or arithmetic over such. */
    private record ScalarPiped(ScalarExpr expr) implements Group {
    }

    /** Top level only: a pipeline, a metrics function and its second stage. */
    private record Metrics(Pipeline pipeline, MetricsStage metrics, List<SecondStage> secondStages) implements Group {
    }

    /** Top level only: a comparison of {@link ScalarPiped}s. */
    private record PipelineComparison(ScalarFilter filter) implements Group {
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
        Pipeline pipeline;
        MetricsStage metrics = null;
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
                pipeline = m.pipeline();
                metrics = m.metrics();
                secondStages = m.secondStages();
            }
            case Scalar ignored -> throw new IllegalStateException("the top level ends a scalar in a comparison");
            case ScalarPiped ignored -> throw new IllegalStateException("the top level ends a scalar in a comparison");
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
                    case Scalar scalar -> scalarHead(scalar.expr(), top);
                    case Piped piped -> pipelineOperationHead(new SubPipeline(piped.pipeline(), range), top);
                    case PipelineOperation operation -> pipelineOperationHead(operation.expr(), top);
                    case ScalarPiped scalar -> scalarPipedHead(scalar.expr(), top);
                    case Metrics ignored -> throw new IllegalStateException("metrics inside parentheses");
                    case PipelineComparison ignored -> throw new IllegalStateException("comparison inside parentheses");
                };
            }
            case LBRACE -> {
                return spansetHead(spansetFilter(), top);
            }
            case INTEGER, FLOAT, DURATION, SUB -> {
                return scalarHead(scalarOperand(), top);
            }
            case IDENTIFIER -> {
                String word = (String) token.value();
                if (AGGREGATES.containsKey(word)) {
                    return scalarHead(aggregate(), top);
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
            case Scalar ignored -> "')', an arithmetic operator or a comparison";
            case Piped ignored -> "')' or '|'";
            case PipelineOperation ignored -> "')' or a spanset operator";
            case ScalarPiped ignored -> "')' or an arithmetic operator";
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

    /** After a scalar operand: arithmetic, then (unless this is a parenthesised scalar) a comparison. */
    private Group scalarHead(ScalarExpr first, boolean top) {
        ScalarExpr lhs = scalarOperations(first, 0);
        if (!top && comparisonAt(peek()) == null && peek().kind() == TokenKind.RPAREN) {
            return new Scalar(lhs);
        }
        List<Stage> stages = new ArrayList<>();
        stages.add(scalarComparison(lhs));
        return pipelineTail(stages, top);
    }

    /** After a parenthesised pipeline: spanset operators over more of them, or it stands alone. */
    private Group pipelineOperationHead(SpansetExpr first, boolean top) {
        if (spansetOpAt(peek()) == null && first instanceof SubPipeline sub) {
            return new Piped(sub.pipeline());
        }
        return new PipelineOperation(pipelineOperations(first, 1));
    }

    /** After {@code (pipeline | aggregate)}: arithmetic over more of them, and at the top level a comparison. */
    private Group scalarPipedHead(ScalarExpr first, boolean top) {
        ScalarExpr lhs = scalarPipedOperations(first, 0);
        BinaryOp op = comparisonAt(peek());
        if (!top) {
            if (op != null) {
                throw error(Reason.PARSE_ERROR, peek(),
                    "a comparison of parenthesised pipelines must be the whole query, not in parentheses");
            }
            return new ScalarPiped(lhs);
        }
        if (op == null) {
            throw unexpected("a comparison ('=', '!=', '<', '<=', '>', '>=') or an arithmetic operator");
        }
        next();
        ScalarExpr rhs = peek().kind() == TokenKind.LPAREN
            ? scalarPipedOperations(scalarPipedOperand(), 0)
            : literal("a literal or a parenthesised pipeline");
        return new PipelineComparison(new ScalarFilter(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range())));
    }

    /** The {@code | stage} sequence after a first stage; at the top level it may end in a metrics function. */
    private Group pipelineTail(List<Stage> stages, boolean top) {
        while (peek().kind() == TokenKind.PIPE) {
            next();
            Token token = peek();
            String word = token.kind() == TokenKind.IDENTIFIER ? (String) token.value() : "";
            if (METRICS_FUNCTIONS.containsKey(word) || word.equals("compare")) {
                if (!top) {
                    throw error(Reason.UNSUPPORTED, token, "metrics functions inside parentheses (arithmetic between"
                        + " metrics queries, newer than Tempo 3.0) are not supported");
                }
                Pipeline pipeline = pipeline(stages);
                MetricsStage metrics = metricsStage();
                return new Metrics(pipeline, metrics, secondStages());
            }
            if (AGGREGATES.containsKey(word)) {
                Aggregate aggregate = aggregate();
                if (!top && peek().kind() == TokenKind.RPAREN) {
                    return new ScalarPiped(new ScalarPipeline(pipeline(stages), aggregate,
                        SourceRange.covering(stages.getFirst().range(), aggregate.range())));
                }
                stages.add(scalarComparison(scalarOperations(aggregate, 0)));
            } else if (token.kind() == TokenKind.LBRACE || token.kind() == TokenKind.LPAREN && startsSpanset()) {
                stages.add(spansetOperations(spansetOperand(), 1));
            } else if (token.kind() == TokenKind.LPAREN || startsNumber(token)) {
                stages.add(scalarComparison(scalarOperations(scalarOperand(), 0)));
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
            case Scalar ignored -> throw error(Reason.PARSE_ERROR, open, "expected a spanset pipeline, found a scalar");
            case ScalarPiped ignored -> throw error(Reason.PARSE_ERROR, open,
                "expected a spanset pipeline, found one ending in an aggregate");
            case Metrics ignored -> throw new IllegalStateException("metrics inside parentheses");
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
    // Scalars: aggregates, numbers, arithmetic, comparisons

    private ScalarFilter scalarComparison(ScalarExpr lhs) {
        BinaryOp op = comparisonAt(peek());
        if (op == null) {
            throw unexpected("a comparison ('=', '!=', '<', '<=', '>', '>='): aggregates are compared, as in"
                + " count() > 1");
        }
        next();
        ScalarExpr rhs = scalarOperations(scalarOperand(), 0);
        return new ScalarFilter(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
    }

    private ScalarExpr scalarOperations(ScalarExpr lhs, int minPrecedence) {
        return nested(() -> scalarOperationsAt(lhs, minPrecedence));
    }

    private ScalarExpr scalarOperationsAt(ScalarExpr lhs, int minPrecedence) {
        while (true) {
            BinaryOp op = arithmeticAt(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            next();
            ScalarExpr rhs = scalarOperations(scalarOperand(),
                op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = new ScalarOperation(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    /** An aggregate, a number, a negative number, or a scalar expression in parentheses. */
    private ScalarExpr scalarOperand() {
        return nested(this::scalarOperandAt);
    }

    private ScalarExpr scalarOperandAt() {
        Token token = peek();
        switch (token.kind()) {
            case INTEGER, FLOAT, DURATION -> {
                next();
                return new Literal(numberValue(token, false), token.range());
            }
            case SUB -> {
                next();
                Token number = peek();
                if (!startsNumber(number) || number.kind() == TokenKind.SUB) {
                    throw unexpected("a number after '-'");
                }
                next();
                return new Literal(numberValue(number, true), new SourceRange(token.start(), number.end()));
            }
            case LPAREN -> {
                next();
                ScalarExpr inner = scalarOperations(scalarOperand(), 0);
                expect(TokenKind.RPAREN, "')' or an arithmetic operator");
                return inner;
            }
            case IDENTIFIER -> {
                if (AGGREGATES.containsKey((String) token.value())) {
                    return aggregate();
                }
            }
            default -> {
                // fall through to the error below
            }
        }
        throw unexpected("an aggregate or a number");
    }

    private static StaticValue numberValue(Token token, boolean negative) {
        return switch (token.kind()) {
            case INTEGER -> new StaticValue.IntValue(negative ? -(Long) token.value() : (Long) token.value());
            case FLOAT -> new StaticValue.FloatValue(negative ? -(Double) token.value() : (Double) token.value());
            case DURATION -> new StaticValue.DurationValue(negative ? -(Long) token.value() : (Long) token.value());
            default -> throw new IllegalArgumentException("not a number: " + token);
        };
    }

    private ScalarExpr scalarPipedOperations(ScalarExpr lhs, int minPrecedence) {
        return nested(() -> scalarPipedOperationsAt(lhs, minPrecedence));
    }

    private ScalarExpr scalarPipedOperationsAt(ScalarExpr lhs, int minPrecedence) {
        while (true) {
            BinaryOp op = arithmeticAt(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            next();
            ScalarExpr rhs = scalarPipedOperations(scalarPipedOperand(),
                op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = new ScalarOperation(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    private ScalarExpr scalarPipedOperand() {
        Token open = peek();
        if (open.kind() != TokenKind.LPAREN) {
            throw unexpected("'(': arithmetic on parenthesised pipelines takes only parenthesised pipelines");
        }
        next();
        Group inner = group(false);
        expect(TokenKind.RPAREN, closeExpectation(inner));
        if (inner instanceof ScalarPiped scalar) {
            return scalar.expr();
        }
        throw error(Reason.PARSE_ERROR, open, "expected a parenthesised pipeline ending in an aggregate");
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

    private static BinaryOp arithmeticAt(Token token) {
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
                yield op != null ? op : arithmeticAt(token);
            }
        };
    }

    /** A literal: string, number, duration, boolean, status, kind, minInt, maxInt. */
    private Literal literal(String expected) {
        Token token = peek();
        StaticValue value = switch (token.kind()) {
            case STRING -> new StaticValue.StringValue((String) token.value());
            case INTEGER, FLOAT, DURATION -> numberValue(token, false);
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
                boolean negative = peek().kind() == TokenKind.SUB;
                if (negative) {
                    next();
                }
                Token number = peek();
                if (!startsNumber(number) || number.kind() == TokenKind.SUB) {
                    throw unexpected("a number to compare the metric with");
                }
                next();
                stages.add(new MetricsFilter(op, numberValue(number, negative),
                    new SourceRange(token.start(), number.end())));
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
