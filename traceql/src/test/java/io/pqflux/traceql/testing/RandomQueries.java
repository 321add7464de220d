package io.pqflux.traceql.testing;

import io.pqflux.traceql.internal.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid TraceQL ASTs: every query it makes parses (after {@link TraceQlPrinter}) to an equal AST and passes
 * {@link TraceQlValidator}. It covers every operator, scope, intrinsic other than {@code parent}, literal kind,
 * pipeline stage, metrics function, second stage, arithmetic between metrics queries and numbers (those only
 * constant arithmetic makes among them) and hint shape, with awkward attribute names and strings. The round-trip
 * tests use it, and the engine's duel tests are meant to, so it depends only on the seed. Nodes carry
 * {@link SourceRange#NONE}.
 */
public final class RandomQueries {

    private static final SourceRange NONE = SourceRange.NONE;
    private static final List<String> NAMES = List.of(
        "a", "http.method", "http.status_code", "service.name", "k8s.pod.name", "attr with spaces", "5xx", "",
        "quote\"inside", "back\\slash", "span.nested", "日本", "a=b", "a-b/c:d", "line\nbreak", "e", "x1");
    private static final List<String> STRINGS = List.of(
        "", "GET /api", "tempo-gateway", "ünïcødé 😀", "tab\there", "quote \" and \\", "new\nline", "\u0001ctl",
        "does-not-exist-6c2408325a45", "`backtick`");
    private static final List<String> REGEXES = List.of(
        "prod.*", "^GET|POST$", "(?i)error", "\\d+\\.\\d+", "[a-z]{2,4}", "\\p{Greek}+", "", "a|b|c");
    private static final List<String> HINT_KEYS = List.of(
        "sample", "span_sample", "trace_sample", "exemplars", "most_recent", "custom_hint");
    private static final List<Intrinsic> INTRINSICS = List.of(Intrinsic.values()).stream()
        .filter(i -> i != Intrinsic.PARENT).toList();
    private static final List<Intrinsic> NUMERIC_INTRINSICS = INTRINSICS.stream()
        .filter(i -> i.type().isNumeric()).toList();
    private static final List<Intrinsic> STRING_INTRINSICS = INTRINSICS.stream()
        .filter(i -> i.type() == StaticType.STRING).toList();
    private static final List<BinaryOp> COMPARISONS = List.of(
        BinaryOp.EQ, BinaryOp.NEQ, BinaryOp.LT, BinaryOp.LTE, BinaryOp.GT, BinaryOp.GTE);
    private static final List<BinaryOp> ARITHMETIC = List.of(
        BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MOD, BinaryOp.POW);
    private static final int MAX_DEPTH = 4;

    private final Random random;
    private final List<String> names;
    private final List<String> strings;
    private final List<String> regexes;

    public RandomQueries(long seed) {
        this(seed, NAMES, STRINGS, REGEXES);
    }

    /**
     * Queries over other attribute names, string literals and regexes, e.g. those of the data a test searches, so
     * that conditions match more often.
     */
    public RandomQueries(long seed, List<String> names, List<String> strings, List<String> regexes) {
        this.random = new Random(seed);
        this.names = List.copyOf(names);
        this.strings = List.copyOf(strings);
        this.regexes = List.copyOf(regexes);
    }

    /** A search or metrics query (arithmetic over metrics queries among them), sometimes with hints. */
    public Query query() {
        List<Hint> hints = chance(5) ? hints() : List.of();
        if (chance(3)) {
            if (chance(3)) {
                return new Query(null, metricsArithmetic(0), secondStages(), hints, NONE);
            }
            return new Query(null, chance(5) ? new MetricsPipeline(pipeline(), compare(), List.of(), NONE)
                : metricsPipeline(), List.of(), hints, NONE);
        }
        Pipeline pipeline = chance(6) ? new Pipeline(List.of(pipelineOperation()), NONE) : pipeline();
        return Query.search(pipeline, hints, NONE);
    }

    /** A metrics function (not {@code compare()}, which takes no part in arithmetic) and its second stages. */
    private MetricsPipeline metricsPipeline() {
        return new MetricsPipeline(pipeline(), metricsAggregate(), secondStages(), NONE);
    }

    /** Up to two second stages: {@code topk}/{@code bottomk} or comparisons with a number. */
    private List<SecondStage> secondStages() {
        List<SecondStage> secondStages = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            secondStages.add(chance(2)
                ? new TopK(random.nextBoolean(), 1 + random.nextInt(20), NONE)
                : new MetricsFilter(pick(COMPARISONS), signedNumber(), NONE));
        }
        return secondStages;
    }

    /** {@code + - * /} over metrics pipelines and numbers, at least one side a metrics query, nested a little. */
    private MetricsOperation metricsArithmetic(int depth) {
        BinaryOp op = pick(List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV));
        MetricsExpr lhs = metricsOperand(depth);
        MetricsExpr rhs = lhs instanceof Literal || chance(3) ? metricsOperand(depth) : metricsNumberOrOperand(depth);
        if (lhs instanceof Literal && rhs instanceof Literal) {
            rhs = metricsPipeline();
        }
        return new MetricsOperation(op, lhs, rhs, NONE);
    }

    private MetricsExpr metricsNumberOrOperand(int depth) {
        return chance(2) ? literal(metricsNumber()) : metricsOperand(depth);
    }

    private MetricsExpr metricsOperand(int depth) {
        return switch (depth >= 2 ? random.nextInt(2) : random.nextInt(4)) {
            case 0 -> metricsPipeline();
            case 1 -> literal(metricsNumber());
            default -> metricsArithmetic(depth + 1);
        };
    }

    /** A number in metrics arithmetic: an int or a float, sometimes one only arithmetic makes (infinite, NaN, minInt). */
    private StaticValue metricsNumber() {
        return switch (random.nextInt(12)) {
            case 0 -> new StaticValue.FloatValue(switch (random.nextInt(3)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            });
            case 1 -> new StaticValue.IntValue(Long.MIN_VALUE);
            case 2, 3, 4 -> new StaticValue.FloatValue((random.nextInt(2001) - 1000) / 8.0);
            default -> new StaticValue.IntValue(random.nextInt(201) - 100);
        };
    }

    /** One to four stages; the first is never {@code coalesce()}. */
    public Pipeline pipeline() {
        List<Stage> stages = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            stages.add(stage(i == 0));
        }
        return new Pipeline(stages, NONE);
    }

    private Stage stage(boolean first) {
        return switch (random.nextInt(first ? 10 : 12)) {
            case 0 -> scalarFilter();
            case 1 -> new GroupBy(spanExpression(), NONE);
            case 2 -> new Select(fieldRefs(1 + random.nextInt(3)), NONE);
            case 10 -> new Coalesce(NONE);
            case 11 -> scalarFilter();
            default -> spansetExpression(0);
        };
    }

    /** Filters combined by spanset operators, no parenthesised pipelines. */
    public SpansetExpr spansetExpression(int depth) {
        if (depth >= 2 || chance(2)) {
            return filter();
        }
        return new SpansetOperation(pick(List.of(SpansetOp.values())), spansetExpression(depth + 1),
            spansetExpression(depth + 1), NONE);
    }

    /**
     * A left-deep operation whose leftmost operand is a parenthesised pipeline, as Tempo's grammar requires of
     * operations on pipelines.
     */
    private SpansetExpr pipelineOperation() {
        SpansetExpr expr = subPipeline();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            SpansetExpr rhs = switch (random.nextInt(3)) {
                case 0 -> filter();
                case 1 -> subPipeline();
                default -> new SpansetOperation(pick(List.of(SpansetOp.values())), filter(), filter(), NONE);
            };
            expr = new SpansetOperation(pick(List.of(SpansetOp.values())), expr, rhs, NONE);
        }
        return expr;
    }

    /** A pipeline of two or more stages, or of one stage that is not a spanset expression. */
    private SubPipeline subPipeline() {
        Pipeline pipeline = pipeline();
        if (pipeline.stages().size() == 1 && pipeline.stages().getFirst() instanceof SpansetExpr) {
            pipeline = new Pipeline(List.of(pipeline.stages().getFirst(), filter()), NONE);
        }
        return new SubPipeline(pipeline, NONE);
    }

    public SpansetFilter filter() {
        return new SpansetFilter(chance(8) ? literal(new StaticValue.BooleanValue(true)) : condition(0), NONE);
    }

    /** An aggregate compared with a number: the only scalar filter Tempo evaluates. */
    private ScalarFilter scalarFilter() {
        Aggregate aggregate = random.nextInt(3) == 0
            ? new Aggregate(AggregateOp.COUNT, null, NONE)
            : new Aggregate(pick(List.of(AggregateOp.AVG, AggregateOp.MIN, AggregateOp.MAX, AggregateOp.SUM)),
                numericOverSpan(1), NONE);
        return new ScalarFilter(pick(COMPARISONS), aggregate, literal(signedNumber()), NONE);
    }

    /** A boolean field expression. */
    public FieldExpr condition(int depth) {
        int choice = depth >= MAX_DEPTH ? 6 + random.nextInt(4) : random.nextInt(10);
        return switch (choice) {
            case 0, 1 -> new BinaryExpr(random.nextBoolean() ? BinaryOp.AND : BinaryOp.OR, condition(depth + 1),
                condition(depth + 1), NONE);
            case 2 -> new UnaryExpr(UnaryOp.NOT, condition(depth + 1), NONE);
            case 3 -> new BinaryExpr(pick(COMPARISONS), numeric(depth + 1), numeric(depth + 1), NONE);
            case 4 -> new BinaryExpr(random.nextBoolean() ? BinaryOp.EQ : BinaryOp.NEQ, condition(depth + 1),
                condition(depth + 1), NONE);
            case 5 -> new BinaryExpr(random.nextBoolean() ? BinaryOp.REGEX : BinaryOp.NOT_REGEX, stringOperand(),
                literal(new StaticValue.StringValue(pick(regexes))), NONE);
            case 6 -> new BinaryExpr(pick(COMPARISONS), stringOperand(), stringOperand(), NONE);
            case 7 -> enumComparison();
            case 8 -> existence();
            default -> random.nextBoolean() ? attribute() : literal(new StaticValue.BooleanValue(random.nextBoolean()));
        };
    }

    /** {@code x != nil} for any field, {@code x = nil} for attributes that may be missing. */
    private FieldExpr existence() {
        AttributeField attribute = attribute();
        boolean alwaysThere = attribute.scope() == AttributeScope.RESOURCE && attribute.name().equals("service.name");
        return random.nextBoolean() || alwaysThere
            ? new UnaryExpr(UnaryOp.EXISTS, random.nextBoolean() ? attribute : fieldRef(), NONE)
            : new UnaryExpr(UnaryOp.NOT_EXISTS, attribute, NONE);
    }

    private FieldExpr enumComparison() {
        BinaryOp op = random.nextBoolean() ? BinaryOp.EQ : BinaryOp.NEQ;
        return random.nextBoolean()
            ? new BinaryExpr(op, intrinsic(Intrinsic.STATUS),
                literal(new StaticValue.StatusValue(pick(List.of(Status.values())))), NONE)
            : new BinaryExpr(op, literal(new StaticValue.KindValue(pick(List.of(SpanKind.values())))),
                intrinsic(Intrinsic.KIND), NONE);
    }

    /** A number-typed (or attribute-typed) field expression, literals never negative. */
    private FieldExpr numeric(int depth) {
        int choice = depth >= MAX_DEPTH ? 3 + random.nextInt(3) : random.nextInt(6);
        return switch (choice) {
            case 0, 1 -> new BinaryExpr(pick(ARITHMETIC), numeric(depth + 1), numeric(depth + 1), NONE);
            case 2 -> new UnaryExpr(UnaryOp.NEGATE, numeric(depth + 1), NONE);
            case 3 -> literal(unsignedNumber());
            case 4 -> intrinsic(pick(NUMERIC_INTRINSICS));
            default -> attribute();
        };
    }

    /** A numeric expression that reads the span, as aggregates and by() need. */
    private FieldExpr numericOverSpan(int depth) {
        FieldExpr field = random.nextBoolean() ? attribute() : intrinsic(pick(NUMERIC_INTRINSICS));
        return chance(2) ? field : new BinaryExpr(pick(ARITHMETIC), field, numeric(depth + 1), NONE);
    }

    private FieldExpr spanExpression() {
        return chance(2) ? fieldRef() : numericOverSpan(1);
    }

    private FieldExpr stringOperand() {
        return switch (random.nextInt(3)) {
            case 0 -> literal(new StaticValue.StringValue(pick(strings)));
            case 1 -> intrinsic(pick(STRING_INTRINSICS));
            default -> attribute();
        };
    }

    public FieldRef fieldRef() {
        return random.nextBoolean() ? attribute() : intrinsic(pick(INTRINSICS));
    }

    private List<FieldRef> fieldRefs(int count) {
        List<FieldRef> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refs.add(fieldRef());
        }
        return refs;
    }

    /** Any scope but parent (unsupported), names that need quoting included. */
    public AttributeField attribute() {
        return new AttributeField(pick(List.of(AttributeScope.values())), false, pick(names), NONE);
    }

    private static IntrinsicField intrinsic(Intrinsic intrinsic) {
        return new IntrinsicField(intrinsic, NONE);
    }

    private static Literal literal(StaticValue value) {
        return new Literal(value, NONE);
    }

    private StaticValue unsignedNumber() {
        return switch (random.nextInt(7)) {
            case 0 -> new StaticValue.IntValue(random.nextInt(1000));
            case 1 -> new StaticValue.IntValue(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 2 -> new StaticValue.IntValue(random.nextLong() & Long.MAX_VALUE);
            case 3 -> new StaticValue.FloatValue(random.nextInt(1000) / 8.0);
            case 4 -> new StaticValue.FloatValue(Math.abs(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)));
            case 5 -> new StaticValue.DurationValue(random.nextLong(0, 3_600_000_000_000L));
            default -> new StaticValue.DurationValue(random.nextLong() & Long.MAX_VALUE);
        };
    }

    /** A number for scalar filters and metrics filters, which may be negative (and never minInt there). */
    private StaticValue signedNumber() {
        StaticValue value = unsignedNumber();
        boolean negative = random.nextBoolean();
        return switch (value) {
            case StaticValue.IntValue i when i.value() == Long.MIN_VALUE -> new StaticValue.IntValue(-1);
            case StaticValue.IntValue i -> new StaticValue.IntValue(negative ? -i.value() : i.value());
            case StaticValue.FloatValue f -> new StaticValue.FloatValue(negative ? -f.value() : f.value());
            case StaticValue.DurationValue d -> new StaticValue.DurationValue(negative ? -d.nanos() : d.nanos());
            default -> throw new IllegalStateException("not a number: " + value);
        };
    }

    private MetricsAggregate metricsAggregate() {
        MetricsFunction function = pick(List.of(MetricsFunction.values()));
        List<Double> quantiles = new ArrayList<>();
        if (function == MetricsFunction.QUANTILE_OVER_TIME) {
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                quantiles.add(random.nextInt(4) == 0 ? random.nextInt(2) : random.nextDouble());
            }
        }
        return new MetricsAggregate(function, function.takesField() ? fieldRef() : null, quantiles,
            fieldRefs(random.nextInt(function.maxGroupBy() + 1)), NONE);
    }

    private Compare compare() {
        long topN = chance(2) ? Compare.DEFAULT_TOP_N : 1 + random.nextInt(50);
        if (chance(2)) {
            return new Compare(filter(), topN, 0, 0, NONE);
        }
        long start = 1 + random.nextLong(Long.MAX_VALUE / 2);
        return new Compare(filter(), topN, start, start + 1 + random.nextLong(Long.MAX_VALUE / 2), NONE);
    }

    private List<Hint> hints() {
        List<Hint> hints = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            StaticValue value = switch (random.nextInt(4)) {
                case 0 -> new StaticValue.BooleanValue(random.nextBoolean());
                case 1 -> new StaticValue.StringValue(pick(strings));
                default -> unsignedNumber();
            };
            hints.add(new Hint(pick(HINT_KEYS), value, NONE));
        }
        return hints;
    }

    /** True one time in {@code n}. */
    private boolean chance(int n) {
        return random.nextInt(n) == 0;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
