package io.pqflux.tempo.query.oracle;

import com.google.re2j.Pattern;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.internal.Aggregate;
import io.pqflux.traceql.internal.AggregateOp;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.Coalesce;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.GroupBy;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.SourceRange;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.ScalarFilter;
import io.pqflux.traceql.internal.Select;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.SpansetOp;
import io.pqflux.traceql.internal.SpansetOperation;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.SubPipeline;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.traceql.internal.TraceQlValidator;
import io.pqflux.traceql.internal.UnaryExpr;
import io.pqflux.tempo.query.oracle.TraceView.SpanView;
import io.pqflux.tempo.query.oracle.Value.Bool;
import io.pqflux.tempo.query.oracle.Value.BoolArr;
import io.pqflux.tempo.query.oracle.Value.Dur;
import io.pqflux.tempo.query.oracle.Value.Flt;
import io.pqflux.tempo.query.oracle.Value.FltArr;
import io.pqflux.tempo.query.oracle.Value.Int;
import io.pqflux.tempo.query.oracle.Value.IntArr;
import io.pqflux.tempo.query.oracle.Value.Knd;
import io.pqflux.tempo.query.oracle.Value.Stat;
import io.pqflux.tempo.query.oracle.Value.Str;
import io.pqflux.tempo.query.oracle.Value.StrArr;
import io.pqflux.tempo.query.oracle.Value.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A deliberately naive TraceQL search evaluator: the oracle the real engine is checked against. It knows nothing of
 * columns, pruning or Parquet: it walks fully assembled OTLP traces ({@link Trace#resourceSpans()} and the
 * trace-level fields of {@link Trace}) span by span and applies Tempo's evaluation rules as docs/traceql.md
 * ("Evaluation semantics") describes them, learnt from Tempo's {@code pkg/traceql} and
 * {@code tempodb/encoding/vparquet4}.
 * <p>
 * Results: for each trace, in input order, that ends the pipeline with at least one spanset, its ID and the spansets;
 * each spanset lists its spans in trace order (resource spans, scope spans, spans), all of them (no spans-per-spanset
 * truncation), with {@code matched} and the spanset attributes ({@code by()} values and aggregates, named as Tempo
 * names them). Spans carry the values of the {@code select()}ed fields. {@link SearchResult#canonical()} is an
 * order-insensitive text form for comparisons.
 * <p>
 * Where Tempo fails a query at run time (division by zero, {@code !} or {@code -} on a non-boolean / non-number,
 * structural operators over several spansets, unsupported constructs), this throws {@link EvaluationException}.
 */
public final class NaiveTraceQl {

    /** The query fails at run time, as Tempo's would (or uses something Tempo does not evaluate). */
    public static final class EvaluationException extends RuntimeException {
        EvaluationException(String message) {
            super(message);
        }
    }

    public record Attr(String key, AnyValue value) {
        @Override
        public String toString() {
            return key + "=" + format(value);
        }
    }

    public record SpanResult(String spanId, List<Attr> attributes) {
        public SpanResult {
            attributes = List.copyOf(attributes);
        }
    }

    public record SpansetResult(List<SpanResult> spans, int matched, List<Attr> attributes) {
        public SpansetResult {
            spans = List.copyOf(spans);
            attributes = List.copyOf(attributes);
        }

        public List<String> spanIds() {
            return spans.stream().map(SpanResult::spanId).toList();
        }

        /** {@code [id id] matched=N attr=value … | id{k=v} …}, spans in trace order. */
        public String canonical() {
            StringBuilder b = new StringBuilder("[").append(String.join(" ", spanIds())).append("] matched=").append(matched);
            for (Attr a : attributes) {
                b.append(' ').append(a);
            }
            if (spans.stream().anyMatch(s -> !s.attributes().isEmpty())) {
                b.append(" |");
                for (SpanResult s : spans) {
                    if (!s.attributes().isEmpty()) {
                        b.append(' ').append(s.spanId()).append(s.attributes().stream().map(Attr::toString)
                            .collect(Collectors.joining(", ", "{", "}")));
                    }
                }
            }
            return b.toString();
        }
    }

    public record TraceResult(String traceId, List<SpansetResult> spansets) {
        public TraceResult {
            spansets = List.copyOf(spansets);
        }

        /** {@code traceId: spanset; spanset}, spansets sorted by their canonical text. */
        public String canonical() {
            return traceId + ": " + spansets.stream().map(SpansetResult::canonical).sorted()
                .collect(Collectors.joining("; "));
        }

        /** All spans of all spansets, deduplicated, in first-seen order. */
        public List<String> spanIds() {
            return spansets.stream().flatMap(s -> s.spanIds().stream()).distinct().toList();
        }
    }

    public record SearchResult(List<TraceResult> traces) {
        public SearchResult {
            traces = List.copyOf(traces);
        }

        /** One line per trace with results, in input order. */
        public String canonical() {
            return traces.stream().map(TraceResult::canonical).collect(Collectors.joining("\n"));
        }

        public List<String> traceIds() {
            return traces.stream().map(TraceResult::traceId).toList();
        }

        public TraceResult trace(String traceId) {
            return traces.stream().filter(t -> t.traceId().equals(traceId)).findFirst().orElse(null);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Parses, checks as Tempo does, and searches. */
    public static SearchResult search(String query, Iterable<Trace> traces) {
        Query parsed = TraceQlParser.parse(query);
        TraceQlValidator.validate(query, parsed);
        return search(parsed, traces);
    }

    /**
     * Parses and searches without Tempo's checks, so constructs Tempo parses but reports unsupported (the parent
     * scope) are evaluated too, naively.
     */
    public static SearchResult searchUnchecked(String query, Iterable<Trace> traces) {
        return search(TraceQlParser.parse(query), traces);
    }

    public static SearchResult search(Query query, Iterable<Trace> traces) {
        List<TraceView> views = new ArrayList<>();
        for (Trace trace : traces) {
            views.add(new TraceView(trace));
        }
        return searchViews(query, views);
    }

    /** The traces as the evaluator walks them, built once for many searches (evaluation never changes them). */
    static List<TraceView> views(List<Trace> traces) {
        return traces.stream().map(TraceView::new).toList();
    }

    /** Parses, checks as Tempo does, and searches traces prepared by {@link #views}. */
    static SearchResult searchViews(String query, List<TraceView> views) {
        Query parsed = TraceQlParser.parse(query);
        TraceQlValidator.validate(query, parsed);
        return searchViews(parsed, views);
    }

    private static SearchResult searchViews(Query query, List<TraceView> views) {
        if (query.metrics() != null) {
            throw new EvaluationException("metrics queries are not evaluated by the naive search");
        }
        NaiveTraceQl engine = new NaiveTraceQl(query);
        List<TraceResult> results = new ArrayList<>();
        for (TraceView view : views) {
            TraceResult r = engine.evaluate(view);
            if (r != null) {
                results.add(r);
            }
        }
        return new SearchResult(results);
    }

    // ------------------------------------------------------------------------------------------------------------

    private final Query query;
    private final List<FieldRef> selected = new ArrayList<>();
    private final Map<String, Pattern> patterns = new HashMap<>();

    /** @param query null for the evaluator that folds static expressions (for names) */
    private NaiveTraceQl(Query query) {
        this.query = query;
        if (query != null) {
            collectSelects(query.pipeline());
        }
    }

    private void collectSelects(Pipeline pipeline) {
        for (Stage stage : pipeline.stages()) {
            collectSelects(stage);
        }
    }

    private void collectSelects(Stage stage) {
        switch (stage) {
            case Select s -> {
                for (FieldRef f : s.fields()) {
                    if (selected.stream().noneMatch(x -> sameField(x, f))) {
                        selected.add(f);
                    }
                }
            }
            case SubPipeline sp -> collectSelects(sp.pipeline());
            case SpansetOperation op -> {
                collectSelects(op.lhs());
                collectSelects(op.rhs());
            }
            default -> {
            }
        }
    }

    private static boolean sameField(FieldRef a, FieldRef b) {
        return switch (a) {
            case AttributeField x -> b instanceof AttributeField y && x.scope() == y.scope() && x.parent() == y.parent()
                && x.name().equals(y.name());
            case IntrinsicField x -> b instanceof IntrinsicField y && x.intrinsic() == y.intrinsic();
        };
    }

    /** A spanset inside the pipeline: spans, Tempo's spanset attributes (in order) and the last aggregate's value. */
    private record Spanset(List<SpanView> spans, List<Named> attributes, Value scalar) {
        Spanset withSpans(List<SpanView> newSpans) {
            return new Spanset(newSpans, attributes, scalar);
        }
    }

    private record Named(String name, Value value) {
    }

    private TraceResult evaluate(TraceView trace) {
        if (trace.spans.isEmpty()) {
            return null;
        }
        List<Spanset> out = pipeline(query.pipeline(), List.of(new Spanset(trace.spans, List.of(), Value.NIL)));
        if (out.isEmpty()) {
            return null;
        }
        List<SpansetResult> spansets = new ArrayList<>();
        for (Spanset ss : out) {
            List<SpanView> ordered = new ArrayList<>(ss.spans());
            ordered.sort(Comparator.comparingInt(s -> s.index));
            List<SpanResult> spans = new ArrayList<>();
            for (SpanView s : ordered) {
                spans.add(new SpanResult(s.spanIdHex(), selectedAttributes(s)));
            }
            List<Attr> attrs = ss.attributes().stream().map(n -> new Attr(n.name(), anyValue(n.value()))).toList();
            spansets.add(new SpansetResult(spans, ss.spans().size(), attrs));
        }
        return new TraceResult(trace.traceIdHex(), spansets);
    }

    // ---- pipeline ------------------------------------------------------------------------------------------------

    private List<Spanset> pipeline(Pipeline pipeline, List<Spanset> input) {
        List<Spanset> result = input;
        for (Stage stage : pipeline.stages()) {
            result = stage(stage, result);
            if (result.isEmpty()) {
                return List.of();
            }
        }
        return result;
    }

    private List<Spanset> stage(Stage stage, List<Spanset> input) {
        return switch (stage) {
            case SpansetFilter f -> filter(f, input);
            case SpansetOperation op -> operation(op, input);
            case SubPipeline sp -> pipeline(sp.pipeline(), input);
            case ScalarFilter sf -> scalarFilter(sf, input);
            case GroupBy g -> groupBy(g, input);
            case Coalesce ignored -> coalesce(input);
            case Select ignored -> input;
        };
    }

    private List<Spanset> filter(SpansetFilter filter, List<Spanset> input) {
        List<Spanset> out = new ArrayList<>();
        for (Spanset ss : input) {
            List<SpanView> matching = new ArrayList<>();
            for (SpanView s : ss.spans()) {
                if (matches(filter.expr(), s)) {
                    matching.add(s);
                }
            }
            if (!matching.isEmpty()) {
                out.add(ss.withSpans(matching));
            }
        }
        return out;
    }

    private List<Spanset> operation(SpansetOperation op, List<Spanset> input) {
        List<Spanset> out = new ArrayList<>();
        for (Spanset ss : input) {
            List<Spanset> lhs = stage(op.lhs(), List.of(ss));
            List<Spanset> rhs = stage(op.rhs(), List.of(ss));
            switch (op.op()) {
                case AND -> {
                    if (!lhs.isEmpty() && !rhs.isEmpty()) {
                        out.add(ss.withSpans(uniqueSpans(lhs, rhs)));
                    }
                }
                case OR -> {
                    if (!lhs.isEmpty() || !rhs.isEmpty()) {
                        out.add(ss.withSpans(uniqueSpans(lhs, rhs)));
                    }
                }
                default -> {
                    if (rhs.isEmpty()) {
                        continue;
                    }
                    if (lhs.size() > 1 || rhs.size() > 1) {
                        throw new EvaluationException("spanset operators are not supported for multiple spansets per "
                            + "trace. consider using coalesce()");
                    }
                    List<SpanView> lspans = lhs.isEmpty() ? List.of() : lhs.getFirst().spans();
                    List<SpanView> matching = structural(op.op(), lspans, rhs.getFirst().spans());
                    if (!matching.isEmpty()) {
                        out.add(ss.withSpans(matching));
                    }
                }
            }
        }
        return out;
    }

    /** Tempo's {@code uniqueSpans}: the side with fewer spans first (the right one on a tie), then the other's new ones. */
    private static List<SpanView> uniqueSpans(List<Spanset> lhs, List<Spanset> rhs) {
        int l = lhs.stream().mapToInt(s -> s.spans().size()).sum();
        int r = rhs.stream().mapToInt(s -> s.spans().size()).sum();
        List<Spanset> smaller = l < r ? lhs : rhs;
        List<Spanset> larger = l < r ? rhs : lhs;
        Set<SpanView> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<SpanView> out = new ArrayList<>();
        for (Spanset ss : smaller) {
            for (SpanView s : ss.spans()) {
                seen.add(s);
                out.add(s);
            }
        }
        for (Spanset ss : larger) {
            for (SpanView s : ss.spans()) {
                if (!seen.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The structural operators over nested-set numbers, as sets: the plain form keeps the right-hand spans that stand
     * in the relation to some left-hand span, the negated form those that stand in it to none, the union form both
     * the right-hand spans that do and the left-hand spans they do it with.
     */
    private static List<SpanView> structural(SpansetOp op, List<SpanView> lhs, List<SpanView> rhs) {
        Relation rel = switch (op) {
            case CHILD, NOT_CHILD, UNION_CHILD -> NaiveTraceQl::childOf;
            case PARENT, NOT_PARENT, UNION_PARENT -> (l, r) -> childOf(r, l);
            case DESCENDANT, NOT_DESCENDANT, UNION_DESCENDANT -> NaiveTraceQl::descendantOf;
            case ANCESTOR, NOT_ANCESTOR, UNION_ANCESTOR -> (l, r) -> descendantOf(r, l);
            case SIBLING, NOT_SIBLING, UNION_SIBLING -> NaiveTraceQl::siblings;
            case AND, OR -> throw new IllegalArgumentException(op.toString());
        };
        boolean negated = switch (op) {
            case NOT_CHILD, NOT_PARENT, NOT_DESCENDANT, NOT_ANCESTOR, NOT_SIBLING -> true;
            default -> false;
        };
        boolean union = switch (op) {
            case UNION_CHILD, UNION_PARENT, UNION_DESCENDANT, UNION_ANCESTOR, UNION_SIBLING -> true;
            default -> false;
        };
        List<SpanView> out = new ArrayList<>();
        Set<SpanView> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SpanView r : rhs) {
            boolean any = false;
            for (SpanView l : lhs) {
                if (rel.test(l, r)) {
                    any = true;
                    if (union && seen.add(l)) {
                        out.add(l);
                    }
                }
            }
            if (any != negated && seen.add(r)) {
                out.add(r);
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Relation {
        /** Whether right-hand span {@code r} stands in the relation to left-hand span {@code l}. */
        boolean test(SpanView l, SpanView r);
    }

    /** {@code c} is a child of {@code p}: its nestedSetParent is p's nestedSetLeft (neither 0). */
    private static boolean childOf(SpanView p, SpanView c) {
        return p.nestedSetLeft != 0 && c.nestedSetParent != 0 && p.nestedSetLeft == c.nestedSetParent;
    }

    /** {@code d} is a descendant of {@code a}: strictly inside its nested-set bounds (no bound 0). */
    private static boolean descendantOf(SpanView a, SpanView d) {
        if (a.nestedSetLeft == 0 || d.nestedSetLeft == 0 || a.nestedSetRight == 0 || d.nestedSetRight == 0) {
            return false;
        }
        return d.nestedSetLeft > a.nestedSetLeft && d.nestedSetRight < a.nestedSetRight;
    }

    /** Two different spans with the same nestedSetParent (not 0; roots, at -1, are siblings of each other). */
    private static boolean siblings(SpanView a, SpanView b) {
        return a != b && a.nestedSetParent != 0 && a.nestedSetParent == b.nestedSetParent;
    }

    private List<Spanset> scalarFilter(ScalarFilter filter, List<Spanset> input) {
        if (!(filter.lhs() instanceof Aggregate aggregate) || !(filter.rhs() instanceof Literal literal)) {
            throw new EvaluationException("scalar filter not supported: only an aggregate compared with a literal");
        }
        Value rhs = literal(literal.value());
        List<Spanset> out = new ArrayList<>();
        for (Spanset ss : aggregate(aggregate, input)) {
            if (scalarCompare(filter.op(), ss.scalar(), rhs)) {
                out.add(ss);
            }
        }
        return out;
    }

    /** Tempo's {@code Aggregate.evaluate}: spansets whose argument is nil on every span are dropped. */
    private List<Spanset> aggregate(Aggregate aggregate, List<Spanset> input) {
        String name = aggregate.op().word() + "(" + (aggregate.argument() == null ? "" : tempoString(aggregate.argument()))
            + ")";
        List<Spanset> out = new ArrayList<>();
        for (Spanset ss : input) {
            Value result;
            if (aggregate.argument() == null) {
                result = new Int(ss.spans().size());
            } else {
                Value acc = null;
                int count = 0;
                for (SpanView s : ss.spans()) {
                    Value v = eval(aggregate.argument(), s, Binding.NONE);
                    if (v.isNil()) {
                        continue;
                    }
                    count++;
                    switch (aggregate.op()) {
                        case AVG, SUM -> acc = acc == null ? v : acc.sumWith(v);
                        case MAX -> acc = acc == null || v.tempoCompare(acc) > 0 ? v : acc;
                        case MIN -> acc = acc == null || v.tempoCompare(acc) < 0 ? v : acc;
                        case COUNT -> throw new IllegalStateException();
                    }
                }
                if (acc == null) {
                    continue;
                }
                result = aggregate.op() == AggregateOp.AVG ? acc.divideBy(count) : acc;
            }
            List<Named> attrs = new ArrayList<>(ss.attributes());
            attrs.add(new Named(name, result));
            out.add(new Spanset(ss.spans(), attrs, result));
        }
        return out;
    }

    /** Tempo's {@code binOp} for scalar filters: numbers compare as floats, equality by {@link Value#tempoEquals}. */
    private static boolean scalarCompare(BinaryOp op, Value lhs, Value rhs) {
        Type lt = lhs.type();
        Type rt = rhs.type();
        if (!matchingOperand(lt, rt) || !typeValid(op, lt) || !typeValid(op, rt)) {
            return false;
        }
        if (lt == Type.BOOLEAN && rt == Type.BOOLEAN && (op == BinaryOp.AND || op == BinaryOp.OR)) {
            return op == BinaryOp.AND ? lhs.asBoolean() && rhs.asBoolean() : lhs.asBoolean() || rhs.asBoolean();
        }
        return switch (op) {
            case GT -> lhs.asFloat() > rhs.asFloat();
            case GTE -> lhs.asFloat() >= rhs.asFloat();
            case LT -> lhs.asFloat() < rhs.asFloat();
            case LTE -> lhs.asFloat() <= rhs.asFloat();
            case EQ -> lhs.tempoEquals(rhs);
            case NEQ -> lhs.tempoNotEquals(rhs);
            default -> throw new EvaluationException("unexpected operator " + op.symbol());
        };
    }

    /**
     * Tempo's {@code GroupOperation}: per spanset, one group per distinct value (by type and value; nil is a group),
     * each carrying the spanset's attributes plus {@code by(expr)} = the value. Groups come in first-seen order here
     * (Tempo's come in Go map order).
     */
    private List<Spanset> groupBy(GroupBy groupBy, List<Spanset> input) {
        String name = "by(" + tempoString(groupBy.expr()) + ")";
        List<Spanset> out = new ArrayList<>();
        for (Spanset ss : input) {
            Map<Object, Spanset> groups = new LinkedHashMap<>();
            for (SpanView s : ss.spans()) {
                Value v = eval(groupBy.expr(), s, Binding.NONE);
                Spanset group = groups.computeIfAbsent(v.mapKey(), k -> {
                    List<Named> attrs = new ArrayList<>(ss.attributes());
                    attrs.add(new Named(name, v));
                    return new Spanset(new ArrayList<>(), attrs, Value.NIL);
                });
                group.spans().add(s);
            }
            out.addAll(groups.values());
        }
        return out;
    }

    /** Tempo's {@code coalesce()}: all spans of all spansets in one spanset, without attributes. */
    private static List<Spanset> coalesce(List<Spanset> input) {
        List<SpanView> all = new ArrayList<>();
        for (Spanset ss : input) {
            all.addAll(ss.spans());
        }
        return List.of(new Spanset(all, List.of(), Value.NIL));
    }

    // ---- field expressions ---------------------------------------------------------------------------------------

    /**
     * Which event and link a field expression sees: null for "not bound", where an event or link attribute is the
     * first one found over the span's events (links) in order.
     */
    private record Binding(Span.Event event, Span.Link link) {
        static final Binding NONE = new Binding(null, null);
    }

    /**
     * A spanset filter's expression on one span: true if it gives boolean true. An expression that reads event (link)
     * fields is tried with each event (link) of the span, and of both with each pair; it matches if any try does (a
     * span without events is tried once, its event fields nil).
     */
    private boolean matches(FieldExpr expr, SpanView s) {
        List<Span.Event> events = references(expr, AttributeScope.EVENT) && s.span.getEventsCount() > 0
            ? s.span.getEventsList() : Collections.singletonList(null);
        List<Span.Link> links = references(expr, AttributeScope.LINK) && s.span.getLinksCount() > 0
            ? s.span.getLinksList() : Collections.singletonList(null);
        for (Span.Event e : events) {
            for (Span.Link l : links) {
                if (Boolean.TRUE.equals(eval(expr, s, new Binding(e, l)).asBoolean())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean references(FieldExpr expr, AttributeScope scope) {
        return switch (expr) {
            case AttributeField a -> !a.parent() && a.scope() == scope;
            case IntrinsicField i -> switch (i.intrinsic()) {
                case EVENT_NAME, EVENT_TIME_SINCE_START -> scope == AttributeScope.EVENT;
                case LINK_SPAN_ID, LINK_TRACE_ID -> scope == AttributeScope.LINK;
                default -> false;
            };
            case BinaryExpr b -> references(b.lhs(), scope) || references(b.rhs(), scope);
            case UnaryExpr u -> references(u.operand(), scope);
            case Literal ignored -> false;
        };
    }

    private static boolean referencesSpan(FieldExpr expr) {
        return switch (expr) {
            case AttributeField ignored -> true;
            case IntrinsicField ignored -> true;
            case BinaryExpr b -> referencesSpan(b.lhs()) || referencesSpan(b.rhs());
            case UnaryExpr u -> referencesSpan(u.operand());
            case Literal ignored -> false;
        };
    }

    private Value eval(FieldExpr expr, SpanView s, Binding b) {
        return switch (expr) {
            case Literal l -> literal(l.value());
            case AttributeField a -> attribute(a, s, b);
            case IntrinsicField i -> intrinsic(i.intrinsic(), s, b);
            case UnaryExpr u -> unary(u, eval(u.operand(), s, b));
            case BinaryExpr bin -> binary(bin, s, b);
        };
    }

    static Value literal(StaticValue v) {
        return switch (v) {
            case StaticValue.StringValue x -> new Str(x.value());
            case StaticValue.IntValue x -> new Int(x.value());
            case StaticValue.FloatValue x -> new Flt(x.value());
            case StaticValue.BooleanValue x -> new Bool(x.value());
            case StaticValue.DurationValue x -> new Dur(x.nanos());
            case StaticValue.StatusValue x -> new Stat(switch (x.value()) {
                case ERROR -> Stat.ERROR;
                case OK -> Stat.OK;
                case UNSET -> Stat.UNSET;
            });
            case StaticValue.KindValue x -> new Knd(switch (x.value()) {
                case UNSPECIFIED -> 0;
                case INTERNAL -> 1;
                case CLIENT -> 2;
                case SERVER -> 3;
                case PRODUCER -> 4;
                case CONSUMER -> 5;
            });
        };
    }

    /** Tempo's {@code UnaryOperation.execute}. */
    private static Value unary(UnaryExpr u, Value v) {
        return switch (u.op()) {
            case NOT -> {
                if (!(v instanceof Bool bool)) {
                    throw new EvaluationException("expression (" + tempoString(u) + ") expected a boolean, but got " + v.type());
                }
                yield new Bool(!bool.value());
            }
            case NEGATE -> switch (v) {
                case Int i -> new Int(-i.value());
                case Flt f -> new Flt(-1 * f.value());
                case Dur d -> new Dur(-d.nanos());
                default -> throw new EvaluationException("expression (" + tempoString(u) + ") expected a numeric, but got "
                    + v.type());
            };
            case EXISTS -> new Bool(!v.isNil());
            case NOT_EXISTS -> new Bool(v.isNil());
        };
    }

    /** Tempo's {@code BinaryOperation.execute}, {@code &&} and {@code ||} short-circuiting on a boolean left side. */
    private Value binary(BinaryExpr bin, SpanView s, Binding b) {
        Value lhs = eval(bin.lhs(), s, b);
        Boolean lb = lhs.asBoolean();
        if (lb != null) {
            if (bin.op() == BinaryOp.AND && !lb) {
                return Value.FALSE;
            }
            if (bin.op() == BinaryOp.OR && lb) {
                return Value.TRUE;
            }
        }
        Value rhs = eval(bin.rhs(), s, b);
        // Tempo trims leading zeros from a string compared directly with trace:id (newBinaryOperation)
        if (isTraceId(bin.lhs()) && bin.rhs() instanceof Literal && rhs instanceof Str str) {
            rhs = new Str(str.value().replaceFirst("^0+", ""));
        }
        if (isTraceId(bin.rhs()) && bin.lhs() instanceof Literal && lhs instanceof Str str) {
            lhs = new Str(str.value().replaceFirst("^0+", ""));
        }
        return binary(bin.op(), lhs, rhs, true);
    }

    private static boolean isTraceId(FieldExpr e) {
        return e instanceof IntrinsicField i && i.intrinsic() == Intrinsic.TRACE_ID;
    }

    private Value binary(BinaryOp op, Value lhs, Value rhs, boolean arrays) {
        Type lt = lhs.type();
        Type rt = rhs.type();
        if (!matchingOperand(lt, rt) || !typeValid(op, lt) || !typeValid(op, rt)) {
            return Value.FALSE;
        }
        if (lt == Type.STRING && rt == Type.STRING) {
            String l = ((Str) lhs).value();
            String r = ((Str) rhs).value();
            switch (op) {
                case GT -> {
                    return new Bool(Value.compareUtf8(l, r) > 0);
                }
                case GTE -> {
                    return new Bool(Value.compareUtf8(l, r) >= 0);
                }
                case LT -> {
                    return new Bool(Value.compareUtf8(l, r) < 0);
                }
                case LTE -> {
                    return new Bool(Value.compareUtf8(l, r) <= 0);
                }
                case REGEX, NOT_REGEX -> {
                    boolean matched = pattern(r).matches(l);
                    return new Bool(op == BinaryOp.REGEX ? matched : !matched);
                }
                default -> {
                }
            }
        } else if (lt == Type.INT && rt == Type.INT) {
            long l = ((Int) lhs).value();
            long r = ((Int) rhs).value();
            switch (op) {
                case ADD -> {
                    return new Int(l + r);
                }
                case SUB -> {
                    return new Int(l - r);
                }
                case DIV -> {
                    if (r == 0) {
                        throw new EvaluationException("division by zero");
                    }
                    return new Int(l / r);
                }
                case MOD -> {
                    if (r == 0) {
                        throw new EvaluationException("modulo by zero");
                    }
                    return new Int(l % r);
                }
                case MUL -> {
                    return new Int(l * r);
                }
                case GT -> {
                    return new Bool(l > r);
                }
                case GTE -> {
                    return new Bool(l >= r);
                }
                case LT -> {
                    return new Bool(l < r);
                }
                case LTE -> {
                    return new Bool(l <= r);
                }
                case POW -> {
                    // Tempo's intPow(rhs, lhs): the right operand raised to the left one
                    return new Int(goFloatToInt(Math.pow(r, l)));
                }
                default -> {
                }
            }
        } else if (lt == Type.BOOLEAN && rt == Type.BOOLEAN) {
            boolean l = ((Bool) lhs).value();
            boolean r = ((Bool) rhs).value();
            if (op == BinaryOp.AND) {
                return new Bool(l && r);
            }
            if (op == BinaryOp.OR) {
                return new Bool(l || r);
            }
        } else if (arrays && matchingArrayElement(lt, rt)) {
            return arrayOp(op, lhs, rhs);
        }
        return switch (op) {
            case ADD -> new Flt(lhs.asFloat() + rhs.asFloat());
            case SUB -> new Flt(lhs.asFloat() - rhs.asFloat());
            case DIV -> new Flt(lhs.asFloat() / rhs.asFloat());
            case MOD -> new Flt(lhs.asFloat() % rhs.asFloat());
            case MUL -> new Flt(lhs.asFloat() * rhs.asFloat());
            case GT -> new Bool(lhs.asFloat() > rhs.asFloat());
            case GTE -> new Bool(lhs.asFloat() >= rhs.asFloat());
            case LT -> new Bool(lhs.asFloat() < rhs.asFloat());
            case LTE -> new Bool(lhs.asFloat() <= rhs.asFloat());
            case POW -> new Flt(Math.pow(lhs.asFloat(), rhs.asFloat()));
            case EQ -> new Bool(lhs.tempoEquals(rhs));
            case NEQ -> new Bool(lhs.tempoNotEquals(rhs));
            default -> throw new EvaluationException("unexpected operator " + op.symbol());
        };
    }

    /**
     * An array against a scalar: the operator applies element by element (the array's side flipped into place);
     * {@code !=} and {@code !~} need every element to pass, the others one.
     */
    private Value arrayOp(BinaryOp op, Value lhs, Value rhs) {
        if (!op.isBoolean()) {
            throw new EvaluationException("arithmetic on arrays is not supported");
        }
        if (lhs.type().isArray() && rhs.type().isArray()) {
            throw new EvaluationException("array operators must consist of a scalar and an array operand");
        }
        BinaryOp elemOp = op;
        Value array = rhs;
        Value scalar = lhs;
        boolean flip = false;
        if (scalar.type().isArray()) {
            elemOp = switch (op) {
                case GT -> BinaryOp.LT;
                case GTE -> BinaryOp.LTE;
                case LT -> BinaryOp.GT;
                case LTE -> BinaryOp.GTE;
                default -> op;
            };
            array = lhs;
            scalar = rhs;
            flip = elemOp == BinaryOp.REGEX || elemOp == BinaryOp.NOT_REGEX;
        }
        boolean matchAll = elemOp == BinaryOp.NEQ || elemOp == BinaryOp.NOT_REGEX;
        int count = 0;
        int matched = 0;
        for (Value elem : array.elements()) {
            count++;
            Value l = flip ? elem : scalar;
            Value r = flip ? scalar : elem;
            if (Boolean.TRUE.equals(binary(elemOp, l, r, false).asBoolean())) {
                matched++;
                if (!matchAll) {
                    break;
                }
            }
        }
        return new Bool(matchAll ? matched == count : matched > 0);
    }

    /** Go's float64 to int conversion on amd64: out of range and NaN give the minimum int. */
    private static long goFloatToInt(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** Tempo's {@code isMatchingOperand}: equal types, two numbers, a nil, or an array with its element type. */
    static boolean matchingOperand(Type t, Type o) {
        return t == o || (t.isNumeric() && o.isNumeric()) || t == Type.NIL || o == Type.NIL || matchingArrayElement(t, o);
    }

    static boolean matchingArrayElement(Type t, Type o) {
        if (t.isArray()) {
            return matchingOperand(t.element(), o);
        }
        if (o.isArray()) {
            return matchingOperand(o.element(), t);
        }
        return false;
    }

    /** Tempo's {@code binaryTypeValid}. */
    static boolean typeValid(BinaryOp op, Type t) {
        return switch (t) {
            case BOOLEAN, BOOLEAN_ARRAY -> op == BinaryOp.AND || op == BinaryOp.OR || op == BinaryOp.EQ
                || op == BinaryOp.NEQ;
            case FLOAT, FLOAT_ARRAY, INT, INT_ARRAY, DURATION -> op.isArithmetic() || op == BinaryOp.EQ
                || op == BinaryOp.NEQ || op == BinaryOp.GT || op == BinaryOp.GTE || op == BinaryOp.LT
                || op == BinaryOp.LTE;
            case STRING, STRING_ARRAY -> op == BinaryOp.EQ || op == BinaryOp.NEQ || op.isRegex() || op == BinaryOp.GT
                || op == BinaryOp.GTE || op == BinaryOp.LT || op == BinaryOp.LTE;
            case NIL, STATUS, KIND -> op == BinaryOp.EQ || op == BinaryOp.NEQ;
        };
    }

    /** Tempo's regexes: RE2, fully anchored, {@code .} matching newlines too (Prometheus' FastRegexMatcher). */
    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile("^(?s:" + r + ")$");
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new EvaluationException("invalid regex " + r + ": " + e.getMessage());
            }
        });
    }

    // ---- attributes and intrinsics ------------------------------------------------------------------------------

    private Value attribute(AttributeField a, SpanView s, Binding b) {
        if (a.parent()) {
            SpanView p = s.parent;
            if (p == null) {
                return Value.NIL;
            }
            return switch (a.scope()) {
                case SPAN -> find(p.span.getAttributesList(), a.name());
                case RESOURCE -> resourceAttribute(p, a.name());
                default -> {
                    Value v = find(p.span.getAttributesList(), a.name());
                    yield v.isNil() ? resourceAttribute(p, a.name()) : v;
                }
            };
        }
        return switch (a.scope()) {
            case NONE -> {
                Value v = find(s.span.getAttributesList(), a.name());
                yield v.isNil() ? resourceAttribute(s, a.name()) : v;
            }
            case SPAN -> find(s.span.getAttributesList(), a.name());
            case RESOURCE -> resourceAttribute(s, a.name());
            case INSTRUMENTATION -> find(s.scope.getAttributesList(), a.name());
            case EVENT -> {
                if (b.event() != null) {
                    yield find(b.event().getAttributesList(), a.name());
                }
                for (Span.Event e : s.span.getEventsList()) {
                    Value v = find(e.getAttributesList(), a.name());
                    if (!v.isNil()) {
                        yield v;
                    }
                }
                yield Value.NIL;
            }
            case LINK -> {
                if (b.link() != null) {
                    yield find(b.link().getAttributesList(), a.name());
                }
                for (Span.Link l : s.span.getLinksList()) {
                    Value v = find(l.getAttributesList(), a.name());
                    if (!v.isNil()) {
                        yield v;
                    }
                }
                yield Value.NIL;
            }
        };
    }

    /**
     * A resource attribute; a resource without {@code service.name} reads as the empty string (vParquet4's
     * {@code ServiceName} column is required and holds "" then).
     */
    private static Value resourceAttribute(SpanView s, String name) {
        Value v = find(s.resource.getAttributesList(), name);
        if (v.isNil() && name.equals("service.name")) {
            return new Str("");
        }
        return v;
    }

    /** The first attribute with that key, as vParquet4 stores it (see {@link #fromAnyValue}). */
    private static Value find(List<KeyValue> attributes, String name) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(name)) {
                return fromAnyValue(kv.getValue());
            }
        }
        return Value.NIL;
    }

    /**
     * An attribute's value as vParquet4 keeps it searchable: strings, ints, doubles and booleans; an array whose
     * elements all have the first element's scalar type (one element reads as that scalar, several as an array);
     * everything else (empty arrays, mixed arrays, kvlists, bytes, no value) is not searchable, so nil.
     */
    static Value fromAnyValue(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> new Str(v.getStringValue());
            case INT_VALUE -> new Int(v.getIntValue());
            case DOUBLE_VALUE -> new Flt(v.getDoubleValue());
            case BOOL_VALUE -> new Bool(v.getBoolValue());
            case ARRAY_VALUE -> {
                List<AnyValue> values = v.getArrayValue().getValuesList();
                if (values.isEmpty()) {
                    yield Value.NIL;
                }
                AnyValue.ValueCase c = values.getFirst().getValueCase();
                if (values.stream().anyMatch(x -> x.getValueCase() != c)) {
                    yield Value.NIL;
                }
                if (values.size() == 1) {
                    yield switch (c) {
                        case STRING_VALUE, INT_VALUE, DOUBLE_VALUE, BOOL_VALUE -> fromAnyValue(values.getFirst());
                        default -> Value.NIL;
                    };
                }
                yield switch (c) {
                    case STRING_VALUE -> new StrArr(values.stream().map(AnyValue::getStringValue).toList());
                    case INT_VALUE -> new IntArr(values.stream().map(AnyValue::getIntValue).toList());
                    case DOUBLE_VALUE -> new FltArr(values.stream().mapToDouble(AnyValue::getDoubleValue).toArray());
                    case BOOL_VALUE -> new BoolArr(values.stream().map(AnyValue::getBoolValue).toList());
                    default -> Value.NIL;
                };
            }
            default -> Value.NIL;
        };
    }

    private Value intrinsic(Intrinsic intrinsic, SpanView s, Binding b) {
        Span span = s.span;
        return switch (intrinsic) {
            case DURATION -> new Dur(span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
            case NAME -> new Str(span.getName());
            case STATUS -> Stat.fromOtlp(span.getStatus().getCodeValue());
            case STATUS_MESSAGE -> new Str(span.getStatus().getMessage());
            case KIND -> Knd.fromOtlp(span.getKindValue());
            case SPAN_ID -> new Str(s.spanIdHex());
            case PARENT_ID -> new Str(SpanView.spanIdHex(span.getParentSpanId()));
            case CHILD_COUNT -> new Int(s.childCount);
            case TRACE_DURATION -> new Dur(s.trace.trace.durationNano());
            case ROOT_NAME -> new Str(s.trace.trace.rootSpanName());
            case ROOT_SERVICE -> new Str(s.trace.trace.rootServiceName());
            case TRACE_ID -> new Str(s.trace.traceIdHex());
            case EVENT_NAME, EVENT_TIME_SINCE_START -> {
                Span.Event e = b.event() != null ? b.event() : span.getEventsCount() > 0 ? span.getEvents(0) : null;
                if (e == null) {
                    yield Value.NIL;
                }
                yield intrinsic == Intrinsic.EVENT_NAME ? new Str(e.getName())
                    : new Dur(e.getTimeUnixNano() - span.getStartTimeUnixNano());
            }
            case LINK_TRACE_ID, LINK_SPAN_ID -> {
                Span.Link l = b.link() != null ? b.link() : span.getLinksCount() > 0 ? span.getLinks(0) : null;
                if (l == null) {
                    yield Value.NIL;
                }
                yield intrinsic == Intrinsic.LINK_TRACE_ID ? new Str(TraceView.trimmedHex(l.getTraceId().toByteArray()))
                    : new Str(SpanView.spanIdHex(l.getSpanId()));
            }
            case INSTRUMENTATION_NAME -> new Str(s.scope.getName());
            case INSTRUMENTATION_VERSION -> new Str(s.scope.getVersion());
            case NESTED_SET_LEFT -> new Int(s.nestedSetLeft);
            case NESTED_SET_RIGHT -> new Int(s.nestedSetRight);
            case NESTED_SET_PARENT -> new Int(s.nestedSetParent);
            case PARENT -> throw new EvaluationException("the parent intrinsic is not supported");
        };
    }

    // ---- select() ------------------------------------------------------------------------------------------------

    /**
     * The select()ed fields of a span as Tempo's response names them (attribute names without scope, intrinsics by
     * Tempo's name); nil values are left out, and so are the intrinsics Tempo reports elsewhere (name, duration, the
     * trace-level ones and the IDs). An unscoped attribute gives the span's and the resource's value (both, each
     * under the bare name); an event or link attribute the last event's (link's) value.
     */
    private List<Attr> selectedAttributes(SpanView s) {
        List<Attr> out = new ArrayList<>();
        for (FieldRef f : selected) {
            switch (f) {
                case AttributeField a when a.parent() -> {
                }
                case AttributeField a -> {
                    switch (a.scope()) {
                        case NONE -> {
                            add(out, a.name(), find(s.span.getAttributesList(), a.name()));
                            add(out, a.name(), resourceAttribute(s, a.name()));
                        }
                        case EVENT -> add(out, a.name(), last(s.span.getEventsList(), e -> find(e.getAttributesList(),
                            a.name())));
                        case LINK -> add(out, a.name(), last(s.span.getLinksList(), l -> find(l.getAttributesList(),
                            a.name())));
                        default -> add(out, a.name(), attribute(a, s, Binding.NONE));
                    }
                }
                case IntrinsicField i -> {
                    switch (i.intrinsic()) {
                        case NAME, DURATION, TRACE_DURATION, ROOT_SERVICE, ROOT_NAME, TRACE_ID, SPAN_ID, PARENT -> {
                        }
                        case EVENT_NAME, EVENT_TIME_SINCE_START -> add(out, goName(i.intrinsic()),
                            last(s.span.getEventsList(), e -> intrinsic(i.intrinsic(), s, new Binding(e, null))));
                        case LINK_TRACE_ID, LINK_SPAN_ID -> add(out, goName(i.intrinsic()),
                            last(s.span.getLinksList(), l -> intrinsic(i.intrinsic(), s, new Binding(null, l))));
                        default -> add(out, goName(i.intrinsic()), intrinsic(i.intrinsic(), s, Binding.NONE));
                    }
                }
            }
        }
        return out;
    }

    private static <T> Value last(List<T> items, Function<T, Value> value) {
        Value result = Value.NIL;
        for (T item : items) {
            Value v = value.apply(item);
            if (!v.isNil()) {
                result = v;
            }
        }
        return result;
    }

    private static void add(List<Attr> out, String key, Value v) {
        if (!v.isNil()) {
            out.add(new Attr(key, anyValue(v)));
        }
    }

    /** Tempo's {@code Static.AsAnyValue}: durations, statuses, kinds and nil as their text. */
    static AnyValue anyValue(Value v) {
        AnyValue.Builder b = AnyValue.newBuilder();
        return switch (v) {
            case Int i -> b.setIntValue(i.value()).build();
            case Flt f -> b.setDoubleValue(f.value()).build();
            case Bool x -> b.setBoolValue(x.value()).build();
            case Dur d -> b.setStringValue(GoFormat.duration(d.nanos())).build();
            case IntArr a -> b.setArrayValue(ArrayValue.newBuilder().addAllValues(
                a.values().stream().map(x -> AnyValue.newBuilder().setIntValue(x).build()).toList())).build();
            case FltArr a -> b.setArrayValue(ArrayValue.newBuilder().addAllValues(java.util.Arrays.stream(a.values())
                .mapToObj(x -> AnyValue.newBuilder().setDoubleValue(x).build()).toList())).build();
            case StrArr a -> b.setArrayValue(ArrayValue.newBuilder().addAllValues(
                a.values().stream().map(x -> AnyValue.newBuilder().setStringValue(x).build()).toList())).build();
            case BoolArr a -> b.setArrayValue(ArrayValue.newBuilder().addAllValues(
                a.values().stream().map(x -> AnyValue.newBuilder().setBoolValue(x).build()).toList())).build();
            default -> b.setStringValue(text(v)).build();
        };
    }

    /** Tempo's {@code EncodeToString(false)}. */
    static String text(Value v) {
        return switch (v) {
            case Value.Nil ignored -> "nil";
            case Int i -> Long.toString(i.value());
            case Flt f -> floatText(f.value());
            case Str s -> s.value();
            case Bool b -> Boolean.toString(b.value());
            case Dur d -> GoFormat.duration(d.nanos());
            case Stat s -> s.keyword();
            case Knd k -> k.keyword();
            default -> v.toString();
        };
    }

    private static String floatText(double f) {
        String s = GoFormat.floatG(f);
        return s.contains("e") || s.contains(".") || s.contains("Inf") || s.contains("NaN") ? s : s + ".0";
    }

    /**
     * The compact text of a result value: strings quoted, ints and booleans bare, doubles in Go's shortest form with
     * ".0" when integral (so 3.0 and 3 differ), arrays in brackets.
     */
    static String format(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> '"' + v.getStringValue().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> floatText(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(NaiveTraceQl::format)
                .collect(Collectors.joining(", ", "[", "]"));
            default -> v.toString().strip();
        };
    }

    // ---- Tempo's names for expressions (ast_stringer.go) ---------------------------------------------------------

    /** Tempo's {@code Intrinsic.String()}. */
    static String goName(Intrinsic i) {
        return switch (i) {
            case DURATION -> "duration";
            case NAME -> "name";
            case STATUS -> "status";
            case STATUS_MESSAGE -> "statusMessage";
            case KIND -> "kind";
            case SPAN_ID -> "span:id";
            case PARENT_ID -> "span:parentID";
            case CHILD_COUNT -> "span:childCount";
            case TRACE_DURATION -> "traceDuration";
            case ROOT_NAME -> "rootName";
            case ROOT_SERVICE -> "rootServiceName";
            case TRACE_ID -> "trace:id";
            case EVENT_NAME -> "event:name";
            case EVENT_TIME_SINCE_START -> "event:timeSinceStart";
            case LINK_TRACE_ID -> "link:traceID";
            case LINK_SPAN_ID -> "link:spanID";
            case INSTRUMENTATION_NAME -> "instrumentation:name";
            case INSTRUMENTATION_VERSION -> "instrumentation:version";
            case NESTED_SET_LEFT -> "nestedSetLeft";
            case NESTED_SET_RIGHT -> "nestedSetRight";
            case NESTED_SET_PARENT -> "nestedSetParent";
            case PARENT -> "parent";
        };
    }

    /**
     * Tempo's {@code String()} of a field expression as it names {@code by()} and aggregate attributes: operands
     * that are operations in parentheses, strings in backquotes, floats in Go's shortest form with ".0" when integral,
     * durations in Go's form; parts without attributes folded to their value first, as Tempo's parser does.
     */
    static String tempoString(FieldExpr e) {
        if (!(e instanceof Literal) && !referencesSpan(e)) {
            Value v = foldStatic(e);
            if (v != null) {
                return staticString(v);
            }
        }
        return switch (e) {
            case Literal l -> staticString(literal(l.value()));
            case AttributeField a -> attributeString(a);
            case IntrinsicField i -> goName(i.intrinsic());
            case BinaryExpr b -> wrap(b.lhs()) + " " + b.op().symbol() + " " + wrap(b.rhs());
            case UnaryExpr u -> switch (u.op()) {
                case EXISTS -> wrap(u.operand()) + " != nil";
                case NOT_EXISTS -> wrap(u.operand()) + " = nil";
                case NOT -> "!" + wrap(u.operand());
                case NEGATE -> "-" + wrap(u.operand());
            };
        };
    }

    private static String wrap(FieldExpr e) {
        if (e instanceof Literal || e instanceof FieldRef) {
            return tempoString(e);
        }
        if (!referencesSpan(e)) {
            Value v = foldStatic(e);
            if (v != null) {
                return staticString(v);
            }
        }
        return "(" + tempoString(e) + ")";
    }

    private static Value foldStatic(FieldExpr e) {
        try {
            return new NaiveTraceQl(null).eval(e, null, Binding.NONE);
        } catch (EvaluationException ex) {
            return null;
        }
    }

    private static String staticString(Value v) {
        return switch (v) {
            case Str s -> "`" + s.value() + "`";
            case Flt f -> floatText(f.value());
            default -> text(v);
        };
    }

    private static String attributeString(AttributeField a) {
        List<String> scopes = new ArrayList<>();
        if (a.parent()) {
            scopes.add("parent");
        }
        if (a.scope() != AttributeScope.NONE) {
            scopes.add(a.scope().prefix());
        }
        String scope = scopes.isEmpty() ? "." : String.join(".", scopes) + ".";
        String name = a.name();
        if (name.isEmpty()) {
            scope = scopes.isEmpty() ? "" : scope;
        }
        boolean quote = name.contains("\"") || name.codePoints().anyMatch(c -> "\t\n\u000B\f\r \u0085".indexOf(c) >= 0
            || Character.isSpaceChar(c) || "{}()=~!<>&|^,".indexOf(c) >= 0);
        if (quote) {
            name = '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return scope + name;
    }

    // ---- metrics support (NaiveMetrics) ----------------------------------------------------------------------------

    /** A span a metrics query observes, and the evaluator to read fields on it. */
    record ObservedSpan(TraceView trace, TraceView.SpanView span, NaiveTraceQl engine) {
        Value field(FieldExpr field) {
            return engine.eval(field, span, Binding.NONE);
        }
    }

    /**
     * Every span of every spanset the pipeline yields, trace by trace, spanset by spanset (a span in two spansets
     * twice).
     *
     * @throws EvaluationException where the pipeline fails on a trace
     */
    static List<ObservedSpan> observedSpans(Pipeline pipeline, List<TraceView> views) {
        Query query = Query.search(pipeline, List.of(), SourceRange.NONE);
        NaiveTraceQl engine = new NaiveTraceQl(query);
        List<ObservedSpan> out = new ArrayList<>();
        for (TraceView view : views) {
            if (view.spans.isEmpty()) continue;
            for (Spanset ss : engine.pipeline(query.pipeline(), List.of(new Spanset(view.spans, List.of(), Value.NIL)))) {
                for (TraceView.SpanView span : ss.spans()) out.add(new ObservedSpan(view, span, engine));
            }
        }
        return out;
    }
}
