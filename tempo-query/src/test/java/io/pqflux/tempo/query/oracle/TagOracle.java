package io.pqflux.tempo.query.oracle;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.SubPipeline;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.traceql.internal.TraceQlPrinter;
import io.pqflux.traceql.internal.TraceQlValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Test-only oracle for tag names and values: walks every span of every trace (OTLP) and applies Tempo's rules as
 * docs/tempo.md § "Tag names and values" states them, written apart from {@code internal.tags}. Which spans a filter
 * matches comes from the naive TraceQL evaluator ({@link NaiveTraceQl}), one query per condition group.
 * Values are {@code type:text} strings.
 */
final class TagOracle {

    private static final List<String> WELL_KNOWN_RESOURCE = List.of("service.name", "cluster", "namespace", "pod",
            "container", "k8s.cluster.name", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name");

    private final List<Trace> traces;
    private final BlockMeta meta;

    TagOracle(List<Trace> traces, BlockMeta meta) {
        this.traces = traces;
        this.meta = meta;
    }

    // ---- the filter ----

    /** The condition groups of q; null for no filter. */
    static List<List<FieldExpr>> groups(String q) {
        if (q == null || q.isBlank()) return null;
        Query query;
        try {
            query = TraceQlParser.parse(q);
            TraceQlValidator.validate(q, query);
        } catch (TraceQlException e) {
            return null;
        }
        // a metrics query's first metrics pipeline
        Stage stage = (query.metrics() == null ? query.pipeline() : query.metricsPipelines().getFirst().pipeline())
                .stages().getFirst();
        while (stage instanceof SubPipeline sub) stage = sub.pipeline().stages().getFirst();
        if (!(stage instanceof SpansetFilter filter)) return null;
        List<List<FieldExpr>> out = new ArrayList<>();
        for (List<FieldExpr> branch : dnf(filter.expr())) {
            List<FieldExpr> kept = new ArrayList<>();
            for (FieldExpr e : branch) {
                if (e instanceof BinaryExpr b && (b.op().isComparison() || b.op().isRegex())
                        && ((b.lhs() instanceof FieldRef && b.rhs() instanceof Literal) || (b.lhs() instanceof Literal && b.rhs() instanceof FieldRef))) {
                    kept.add(e);
                }
            }
            if (kept.isEmpty()) return null;
            if (!out.contains(kept)) out.add(kept);
        }
        return out;
    }

    private static List<List<FieldExpr>> dnf(FieldExpr e) {
        List<List<FieldExpr>> out = new ArrayList<>();
        if (e instanceof BinaryExpr b && b.op() == BinaryOp.OR) {
            out.addAll(dnf(b.lhs()));
            for (List<FieldExpr> r : dnf(b.rhs())) if (!out.contains(r)) out.add(r);
        } else if (e instanceof BinaryExpr b && b.op() == BinaryOp.AND) {
            for (List<FieldExpr> l : dnf(b.lhs())) {
                for (List<FieldExpr> r : dnf(b.rhs())) {
                    List<FieldExpr> both = new ArrayList<>(l);
                    both.addAll(r);
                    out.add(both);
                }
            }
        } else {
            out.add(List.of(e));
        }
        return out;
    }

    /** traceId/spanId of the spans some group matches, by the naive evaluator. */
    private Set<String> matching(List<List<FieldExpr>> groups) {
        Set<String> out = new HashSet<>();
        for (List<FieldExpr> group : groups) {
            String text = "{ " + String.join(" && ", group.stream().map(c -> "(" + TraceQlPrinter.field(c) + ")").toList()) + " }";
            for (NaiveTraceQl.TraceResult t : NaiveTraceQl.search(text, traces).traces()) {
                for (NaiveTraceQl.SpansetResult set : t.spansets()) {
                    for (NaiveTraceQl.SpanResult s : set.spans()) out.add(t.traceId() + "/" + s.spanId());
                }
            }
        }
        return out;
    }

    private static String key(Trace trace, Span span) {
        return TraceView.trimmedHex(trace.traceId()) + "/" + TraceView.SpanView.spanIdHex(span.getSpanId());
    }

    // ---- names ----

    /** Per scope word its names; {@code scope} null for all (without the intrinsic list). */
    Map<String, SortedSet<String>> names(String scope, String q) {
        Map<String, SortedSet<String>> out = new TreeMap<>();
        List<String> scopes = scope == null ? List.of("resource", "span", "event", "link", "instrumentation") : List.of(scope);
        for (String s : scopes) out.put(s, new TreeSet<>());
        if (scopes.equals(List.of("intrinsic"))) return Map.of();
        List<List<FieldExpr>> groups = groups(q);
        boolean unscoped = groups != null && groups.stream().flatMap(List::stream).anyMatch(c -> {
            BinaryExpr b = (BinaryExpr) c;
            FieldExpr f = b.lhs() instanceof FieldRef ? b.lhs() : b.rhs();
            return f instanceof AttributeField a && a.scope() == AttributeScope.NONE;
        });
        if (unscoped) groups = null;
        Set<String> matched = groups == null ? null : matching(groups);
        for (Trace trace : traces) {
            for (ResourceSpans rs : trace.resourceSpans()) {
                for (KeyValue kv : rs.getResource().getAttributesList()) {
                    if (matched == null || inColumn(kv, true)) put(out, "resource", kv.getKey());
                }
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    if (matched == null) for (KeyValue kv : ss.getScope().getAttributesList()) put(out, "instrumentation", kv.getKey());
                    for (Span span : ss.getSpansList()) {
                        boolean hit = matched == null || matched.contains(key(trace, span));
                        for (KeyValue kv : span.getAttributesList()) {
                            if (hit || inColumn(kv, false)) put(out, "span", kv.getKey());
                        }
                        if (!hit) continue;
                        for (KeyValue kv : rs.getResource().getAttributesList()) put(out, "resource", kv.getKey());
                        for (KeyValue kv : ss.getScope().getAttributesList()) put(out, "instrumentation", kv.getKey());
                        for (Span.Event e : span.getEventsList()) for (KeyValue kv : e.getAttributesList()) put(out, "event", kv.getKey());
                        for (Span.Link l : span.getLinksList()) for (KeyValue kv : l.getAttributesList()) put(out, "link", kv.getKey());
                    }
                }
            }
        }
        out.values().removeIf(Set::isEmpty);
        return out;
    }

    private static void put(Map<String, SortedSet<String>> out, String scope, String name) {
        SortedSet<String> set = out.get(scope);
        if (set != null) set.add(name);
    }

    /** Whether Tempo's writer puts this attribute into a column of its own (well-known or dedicated). */
    private boolean inColumn(KeyValue kv, boolean resource) {
        boolean vp5 = meta.tempoFormat() == TempoFormat.VPARQUET5;
        AnyValue v = kv.getValue();
        if (resource && (kv.getKey().equals("service.name") || !vp5 && WELL_KNOWN_RESOURCE.contains(kv.getKey()))) {
            return v.hasStringValue();
        }
        if (!resource && !vp5) {
            if (kv.getKey().equals("http.method") || kv.getKey().equals("http.url")) return v.hasStringValue();
            if (kv.getKey().equals("http.status_code")) return v.hasIntValue();
        }
        for (DedicatedColumn c : meta.dedicatedColumns()) {
            if (c.scope() != (resource ? DedicatedColumn.Scope.RESOURCE : DedicatedColumn.Scope.SPAN) || !c.name().equals(kv.getKey())) continue;
            AnyValue.ValueCase want = c.type() == DedicatedColumn.Type.INT ? AnyValue.ValueCase.INT_VALUE : AnyValue.ValueCase.STRING_VALUE;
            if (v.getValueCase() == want) return true;
            if (c.options().contains(DedicatedColumn.Option.ARRAY) && v.hasArrayValue() && v.getArrayValue().getValuesCount() > 0
                    && v.getArrayValue().getValuesList().stream().allMatch(x -> x.getValueCase() == want)) return true;
        }
        return false;
    }

    // ---- values ----

    /** The values of a tag (TraceQL identifier) as {@code type:text}. */
    SortedSet<String> values(String tag, String q) {
        switch (tag) { // Tempo's fixed answers, by spelling, whatever the filter
            case "status", "span:status" -> {
                return new TreeSet<>(List.of("keyword:ok", "keyword:error", "keyword:unset"));
            }
            case "kind", "span:kind" -> {
                return new TreeSet<>(List.of("keyword:client", "keyword:server", "keyword:producer", "keyword:consumer",
                        "keyword:internal", "keyword:unspecified"));
            }
            case "duration", "span:duration", "traceDuration" -> {
                return new TreeSet<>();
            }
            default -> {
            }
        }
        FieldRef field = (FieldRef) ((SpansetFilter) TraceQlParser.parse("{" + tag + "}").pipeline().stages().getFirst()).expr();
        SortedSet<String> out = new TreeSet<>();
        List<List<FieldExpr>> groups = groups(q);
        Set<String> matched = null;
        if (groups != null) {
            List<List<FieldExpr>> rest = new ArrayList<>();
            for (List<FieldExpr> g : groups) {
                StaticValue literal = null;
                for (FieldExpr c : g) {
                    BinaryExpr b = (BinaryExpr) c;
                    if (b.op() != BinaryOp.EQ || literal != null) continue;
                    if (same(b.lhs(), field) && b.rhs() instanceof Literal l) literal = l.value();
                    else if (same(b.rhs(), field) && b.lhs() instanceof Literal l) literal = l.value();
                }
                if (literal == null) rest.add(g); else out.add(literalText(literal));
            }
            if (rest.isEmpty()) return out;
            matched = matching(rest);
        }
        for (Trace trace : traces) {
            for (ResourceSpans rs : trace.resourceSpans()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span span : ss.getSpansList()) {
                        if (matched != null && !matched.contains(key(trace, span))) continue;
                        spanValues(out, field, trace, rs, ss, span, matched != null);
                    }
                    if (matched == null && field instanceof AttributeField a
                            && (a.scope() == AttributeScope.INSTRUMENTATION || a.scope() == AttributeScope.NONE)) {
                        attr(out, ss.getScope().getAttributesList(), a.name());
                    }
                    if (matched == null && field instanceof IntrinsicField i && i.intrinsic() == Intrinsic.INSTRUMENTATION_NAME) out.add("string:" + ss.getScope().getName());
                    if (matched == null && field instanceof IntrinsicField i && i.intrinsic() == Intrinsic.INSTRUMENTATION_VERSION) out.add("string:" + ss.getScope().getVersion());
                }
                if (matched == null && field instanceof AttributeField a && (a.scope() == AttributeScope.RESOURCE || a.scope() == AttributeScope.NONE)) {
                    attr(out, rs.getResource().getAttributesList(), a.name());
                }
            }
            if (matched == null && field instanceof IntrinsicField i && i.intrinsic() == Intrinsic.ROOT_SERVICE) out.add("string:" + trace.rootServiceName());
            if (matched == null && field instanceof IntrinsicField i && i.intrinsic() == Intrinsic.ROOT_NAME) out.add("string:" + trace.rootSpanName());
        }
        return out;
    }

    private static void spanValues(SortedSet<String> out, FieldRef field, Trace trace, ResourceSpans rs, ScopeSpans ss, Span span, boolean filtered) {
        if (field instanceof AttributeField a) {
            switch (a.scope()) {
                case SPAN -> attr(out, span.getAttributesList(), a.name());
                case NONE -> {
                    attr(out, span.getAttributesList(), a.name());
                    if (filtered) attr(out, rs.getResource().getAttributesList(), a.name());
                }
                case RESOURCE -> {
                    if (filtered) attr(out, rs.getResource().getAttributesList(), a.name());
                }
                case INSTRUMENTATION -> {
                    if (filtered) attr(out, ss.getScope().getAttributesList(), a.name());
                }
                case EVENT -> span.getEventsList().forEach(e -> attr(out, e.getAttributesList(), a.name()));
                case LINK -> span.getLinksList().forEach(l -> attr(out, l.getAttributesList(), a.name()));
            }
            return;
        }
        switch (((IntrinsicField) field).intrinsic()) {
            case NAME -> out.add("string:" + span.getName());
            case STATUS_MESSAGE -> out.add("string:" + span.getStatus().getMessage());
            case EVENT_NAME -> span.getEventsList().forEach(e -> out.add("string:" + e.getName()));
            case ROOT_SERVICE -> {
                if (filtered) out.add("string:" + trace.rootServiceName());
            }
            case ROOT_NAME -> {
                if (filtered) out.add("string:" + trace.rootSpanName());
            }
            case INSTRUMENTATION_NAME -> {
                if (filtered) out.add("string:" + ss.getScope().getName());
            }
            case INSTRUMENTATION_VERSION -> {
                if (filtered) out.add("string:" + ss.getScope().getVersion());
            }
            default -> throw new IllegalArgumentException("oracle: no values for " + field);
        }
    }

    private static boolean same(FieldExpr e, FieldRef tag) {
        if (e instanceof AttributeField a && tag instanceof AttributeField t) return !a.parent() && a.scope() == t.scope() && a.name().equals(t.name());
        return e instanceof IntrinsicField i && tag instanceof IntrinsicField t && i.intrinsic() == t.intrinsic();
    }

    private static void attr(SortedSet<String> out, List<KeyValue> attributes, String name) {
        for (KeyValue kv : attributes) {
            if (!kv.getKey().equals(name)) continue;
            AnyValue v = kv.getValue();
            if (v.hasArrayValue()) {
                List<AnyValue> elements = v.getArrayValue().getValuesList();
                if (elements.isEmpty() || elements.stream().anyMatch(x -> x.getValueCase() != elements.getFirst().getValueCase())) continue;
                for (AnyValue x : elements) scalar(out, x);
            } else {
                scalar(out, v);
            }
        }
    }

    private static void scalar(SortedSet<String> out, AnyValue v) {
        switch (v.getValueCase()) {
            case STRING_VALUE -> out.add("string:" + v.getStringValue());
            case INT_VALUE -> out.add("int:" + v.getIntValue());
            case BOOL_VALUE -> out.add("bool:" + v.getBoolValue());
            case DOUBLE_VALUE -> out.add("float:" + floatText(v.getDoubleValue()));
            default -> {
            }
        }
    }

    private static String literalText(StaticValue v) {
        return switch (v) {
            case StaticValue.StringValue s -> "string:" + s.value();
            case StaticValue.IntValue i -> "int:" + i.value();
            case StaticValue.FloatValue f -> "float:" + floatText(f.value());
            case StaticValue.BooleanValue b -> "bool:" + b.value();
            case StaticValue.DurationValue d -> "duration:" + GoFormat.duration(d.nanos());
            case StaticValue.StatusValue s -> "keyword:" + s.value().name().toLowerCase(java.util.Locale.ROOT);
            case StaticValue.KindValue k -> ":";
        };
    }

    /** Tempo's float text: Go's shortest 'g' form, with ".0" when it has neither an exponent nor a point. */
    private static String floatText(double f) {
        String g = GoFormat.floatG(f);
        return g.contains("e") || g.contains(".") ? g : g + ".0";
    }
}
