package io.pqflux.tempo.query.internal.tags;

import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.SubPipeline;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.traceql.internal.TraceQlValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code q} of a tag request reduced as Tempo reduces it ({@code traceql.ExtractConditionGroups}): the first
 * spanset filter of the query's pipeline, its expression expanded over {@code ||} into groups of conditions joined by
 * {@code &&}, each condition a comparison or regex match of a field with a literal; bare fields, literals and any
 * other expression are no condition. No filter at all ({@link #NONE}) when the query is blank, does not parse or
 * validate, does not start with a plain spanset filter (a structural or spanset operation), or when some group is
 * left without conditions ({@code {}}, {@code {true}}, {@code {.a || .b = 1}}): such a group places no constraint.
 */
final class TagFilter {

    /** Tempo's default cap on the groups an expansion may make ({@code DefaultMaxConditionGroupsPerTagQuery}). */
    static final int MAX_GROUPS = 100;

    static final TagFilter NONE = new TagFilter(List.of());

    private final List<List<FieldExpr>> groups;

    private TagFilter(List<List<FieldExpr>> groups) {
        this.groups = groups;
    }

    /**
     * @throws TraceQlException {@code UNSUPPORTED} when the expansion makes more than {@link #MAX_GROUPS} groups,
     *                          which Tempo refuses as an invalid argument
     */
    static TagFilter parse(String q) {
        if (q == null || q.isBlank()) return NONE;
        Query query;
        try {
            query = TraceQlParser.parse(q);
            TraceQlValidator.validate(q, query);
        } catch (TraceQlException e) {
            return NONE; // Tempo ignores a q it cannot parse
        }
        // of a metrics query, its first metrics pipeline's (Tempo takes one of its sub-queries', in map order)
        SpansetFilter filter = firstFilter(query.metrics() == null ? query.pipeline()
                : query.metricsPipelines().getFirst().pipeline());
        if (filter == null) return NONE;
        List<List<FieldExpr>> expanded = expand(filter.expr());
        if (expanded.size() > MAX_GROUPS) {
            throw new TraceQlException(TraceQlException.Reason.UNSUPPORTED, q, 0, "maximum condition groups reached (limit: "
                    + MAX_GROUPS + "). Reduce the number of OR conditions in the query");
        }
        List<List<FieldExpr>> groups = new ArrayList<>();
        for (List<FieldExpr> group : expanded) {
            List<FieldExpr> conditions = group.stream().filter(TagFilter::isCondition).toList();
            if (conditions.isEmpty()) return NONE;
            groups.add(conditions);
        }
        return new TagFilter(List.copyOf(groups));
    }

    private static SpansetFilter firstFilter(Pipeline pipeline) {
        Stage first = pipeline.stages().getFirst();
        return switch (first) {
            case SpansetFilter filter -> filter;
            case SubPipeline sub -> firstFilter(sub.pipeline());
            default -> null;
        };
    }

    /** The expression's disjunctive form: {@code ||} joins groups, {@code &&} joins every pair; equal groups once. */
    private static List<List<FieldExpr>> expand(FieldExpr expr) {
        if (expr instanceof BinaryExpr binary && binary.op() == BinaryOp.OR) {
            LinkedHashSet<List<FieldExpr>> union = new LinkedHashSet<>(expand(binary.lhs()));
            union.addAll(expand(binary.rhs()));
            return List.copyOf(union);
        }
        if (expr instanceof BinaryExpr binary && binary.op() == BinaryOp.AND) {
            List<List<FieldExpr>> out = new ArrayList<>();
            for (List<FieldExpr> left : expand(binary.lhs())) {
                for (List<FieldExpr> right : expand(binary.rhs())) {
                    List<FieldExpr> joined = new ArrayList<>(left);
                    joined.addAll(right);
                    out.add(joined);
                    if (out.size() > MAX_GROUPS) return out;
                }
            }
            return out;
        }
        return List.of(List.of(expr));
    }

    /** A comparison or regex match between a field and a literal: what Tempo's fetch layer can filter by. */
    private static boolean isCondition(FieldExpr expr) {
        return expr instanceof BinaryExpr b && (b.op().isComparison() || b.op().isRegex())
                && (b.lhs() instanceof FieldRef && b.rhs() instanceof Literal || b.lhs() instanceof Literal && b.rhs() instanceof FieldRef);
    }

    boolean isNone() {
        return groups.isEmpty();
    }

    List<List<FieldExpr>> groups() {
        return groups;
    }

    /**
     * Whether a condition reads an unscoped attribute: Tempo's tag-name autocompletion then cannot tell span from
     * resource conditions ("mingled") and answers as without a filter.
     */
    boolean hasUnscopedCondition() {
        for (List<FieldExpr> group : groups) {
            for (FieldExpr condition : group) {
                BinaryExpr b = (BinaryExpr) condition;
                FieldExpr field = b.lhs() instanceof FieldRef ? b.lhs() : b.rhs();
                if (field instanceof AttributeField a && a.scope() == AttributeScope.NONE) return true;
            }
        }
        return false;
    }

    /** The literal of the group's condition {@code tag = literal}, or null: Tempo answers such a group with it. */
    static StaticValue equalityWith(List<FieldExpr> group, TagName tag) {
        for (FieldExpr condition : group) {
            BinaryExpr b = (BinaryExpr) condition;
            if (b.op() != BinaryOp.EQ) continue;
            if (b.lhs() instanceof FieldRef f && tag.is(f) && b.rhs() instanceof Literal l) return l.value();
            if (b.rhs() instanceof FieldRef f && tag.is(f) && b.lhs() instanceof Literal l) return l.value();
        }
        return null;
    }
}
