package io.pqflux.tempo.query.internal.search;

import io.pqflux.filter.Predicate;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.internal.assembly.AttributeColumns;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.SpansetExpr;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.SpansetOperation;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.SubPipeline;
import io.pqflux.traceql.internal.UnaryExpr;
import io.pqflux.traceql.internal.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a trace must hold for a search query to match it, as a pruning predicate over one file's columns
 * ({@code ReadOptions.withPruning}): row groups and pages that cannot hold it are not read. Each leaf asks whether
 * some span (or resource) of the trace has a value; the predicate is a necessary condition, never a sufficient one,
 * and the engine still evaluates the query exactly on what is read. Where a condition cannot be expressed soundly it
 * is left out (true), so the predicate only ever weakens.
 *
 * <p>Why each rule holds (docs/traceql.md, "Evaluation semantics"):
 * <ul>
 *   <li>a pipeline's result is empty unless every spanset stage finds spans; {@code &&} and the plain and union
 *       structural operators need spans on both sides, the negated ones on their right, {@code ||} on either;</li>
 *   <li>a comparison of an attribute is false when the attribute is nil, so it needs the attribute stored: in a
 *       dedicated or well-known column of its type, or under its name in the generic list (arrays, other types);</li>
 *   <li>{@code resource.service.name} is never nil (the column reads "" when absent): only {@code =} prunes it;</li>
 *   <li>span durations are stored unsigned: only {@code = > >=} prune them, as a wrapped duration would compare
 *       small as a signed difference and huge as stored.</li>
 * </ul>
 */
final class SearchPruning {

    private final TraceMapper mapper;
    private final MessageSchema schema;

    private SearchPruning(TraceMapper mapper, MessageSchema schema) {
        this.mapper = mapper;
        this.schema = schema;
    }

    /** The pruning predicate of {@code pipeline} over the file {@code mapper} reads, or null when nothing prunes. */
    static Predicate of(Pipeline pipeline, TraceMapper mapper, MessageSchema schema) {
        return new SearchPruning(mapper, schema).pipeline(pipeline);
    }

    private Predicate pipeline(Pipeline pipeline) {
        List<Predicate> stages = new ArrayList<>();
        for (Stage stage : pipeline.stages()) {
            if (stage instanceof SpansetExpr expr) stages.add(spanset(expr));
        }
        return and(stages);
    }

    private Predicate spanset(SpansetExpr expr) {
        return switch (expr) {
            case SpansetFilter filter -> field(filter.expr());
            case SubPipeline sub -> pipeline(sub.pipeline());
            case SpansetOperation operation -> switch (operation.op()) {
                case OR -> or(Arrays.asList(spanset(operation.lhs()), spanset(operation.rhs())));
                case NOT_CHILD, NOT_PARENT, NOT_DESCENDANT, NOT_ANCESTOR, NOT_SIBLING -> spanset(operation.rhs());
                default -> and(Arrays.asList(spanset(operation.lhs()), spanset(operation.rhs())));
            };
        };
    }

    /** What a span's filter expression being true needs; null when nothing. */
    private Predicate field(FieldExpr expr) {
        return switch (expr) {
            case BinaryExpr b when b.op() == BinaryOp.AND -> and(Arrays.asList(field(b.lhs()), field(b.rhs())));
            case BinaryExpr b when b.op() == BinaryOp.OR -> or(Arrays.asList(field(b.lhs()), field(b.rhs())));
            case BinaryExpr b when isComparison(b.op()) && b.rhs() instanceof Literal l -> comparison(b.lhs(), b.op(), l.value());
            case BinaryExpr b when isComparison(b.op()) && b.lhs() instanceof Literal l -> comparison(b.rhs(), flipped(b.op()), l.value());
            case UnaryExpr u when u.op() == UnaryOp.EXISTS && u.operand() instanceof AttributeField a -> attribute(a, null, null);
            default -> null;
        };
    }

    private static boolean isComparison(BinaryOp op) {
        return switch (op) {
            case EQ, NEQ, LT, LTE, GT, GTE, REGEX, NOT_REGEX -> true;
            default -> false;
        };
    }

    /** {@code literal op field} as {@code field op' literal}; a regex keeps only its need for the field (null). */
    private static BinaryOp flipped(BinaryOp op) {
        return switch (op) {
            case LT -> BinaryOp.GT;
            case LTE -> BinaryOp.GTE;
            case GT -> BinaryOp.LT;
            case GTE -> BinaryOp.LTE;
            case EQ, NEQ -> op;
            default -> null;
        };
    }

    private Predicate comparison(FieldExpr field, BinaryOp op, StaticValue literal) {
        return switch (field) {
            case AttributeField a -> attribute(a, op, literal);
            case IntrinsicField i -> intrinsic(i, op, literal);
            default -> null;
        };
    }

    /** The attribute stored where it can be, with a value that can satisfy {@code op literal} where that is known. */
    private Predicate attribute(AttributeField field, BinaryOp op, StaticValue literal) {
        List<AttributeOwner> owners = switch (field.scope()) {
            case NONE -> List.of(AttributeOwner.SPAN, AttributeOwner.RESOURCE);
            case SPAN -> List.of(AttributeOwner.SPAN);
            case RESOURCE -> List.of(AttributeOwner.RESOURCE);
            default -> List.of();
        };
        if (owners.isEmpty()) return null;
        List<Predicate> anyOwner = new ArrayList<>();
        for (AttributeOwner owner : owners) {
            if (owner == AttributeOwner.RESOURCE && field.name().equals("service.name")) {
                if (op != BinaryOp.EQ || !(literal instanceof StaticValue.StringValue(String s))) return null;
                anyOwner.add(leaf(Predicate.eq(mapper.resourcePath() + "ServiceName", s)));
                continue;
            }
            AttributeColumns columns = mapper.attributeColumns(owner, field.name());
            List<Predicate> places = new ArrayList<>();
            if (literal instanceof StaticValue.StringValue(String s) && op == BinaryOp.EQ) {
                for (String column : columns.stringColumns()) places.add(leaf(Predicate.eq(column, s)));
            } else if (literal instanceof StaticValue.IntValue(long v) && op != null && isOrdering(op)) {
                for (String column : columns.intColumns()) places.add(leaf(compare(column, op, v)));
            } else {
                for (String column : columns.stringColumns()) places.add(leaf(Predicate.isNotNull(column)));
                for (String column : columns.intColumns()) places.add(leaf(Predicate.isNotNull(column)));
            }
            places.add(leaf(Predicate.eq(columns.keyColumn(), field.name())));
            anyOwner.add(or(places));
        }
        return or(anyOwner);
    }

    private Predicate intrinsic(IntrinsicField field, BinaryOp op, StaticValue literal) {
        String span = mapper.spanPath();
        return switch (field.intrinsic()) {
            case NAME -> stringEquals(span + "Name", op, literal, false);
            case STATUS_MESSAGE -> stringEquals(span + "StatusMessage", op, literal, false);
            case ROOT_NAME -> stringEquals("RootSpanName", op, literal, true);
            case ROOT_SERVICE -> stringEquals("RootServiceName", op, literal, true);
            case STATUS -> literal instanceof StaticValue.StatusValue(var status)
                    ? code(span + "StatusCode", op, switch (status) {
                        case UNSET -> 0;
                        case OK -> 1;
                        case ERROR -> 2;
                    }) : null;
            case KIND -> literal instanceof StaticValue.KindValue(var kind) ? code(span + "Kind", op, kind.ordinal()) : null;
            case DURATION -> duration(span + "DurationNano", op, literal);
            case TRACE_DURATION -> duration("DurationNano", op, literal);
            default -> null;
        };
    }

    /** {@code =}, and for a column with one value per trace also {@code !=}. */
    private Predicate stringEquals(String column, BinaryOp op, StaticValue literal, boolean perTrace) {
        if (!(literal instanceof StaticValue.StringValue(String s))) return null;
        if (op == BinaryOp.EQ) return leaf(Predicate.eq(column, s));
        return op == BinaryOp.NEQ && perTrace ? leaf(Predicate.notEq(column, s)) : null;
    }

    /** A status or kind: some span has that code, or (for {@code !=}) another one. */
    private Predicate code(String column, BinaryOp op, long code) {
        if (op == BinaryOp.EQ) return leaf(Predicate.eq(column, code));
        return op == BinaryOp.NEQ ? leaf(Predicate.notEq(column, code)) : null;
    }

    private Predicate duration(String column, BinaryOp op, StaticValue literal) {
        if (!(literal instanceof StaticValue.DurationValue(long nanos)) || nanos < 0) return null;
        return switch (op) {
            case EQ, GT, GTE -> leaf(compare(column, op, nanos));
            default -> null;
        };
    }

    private static boolean isOrdering(BinaryOp op) {
        return switch (op) {
            case EQ, LT, LTE, GT, GTE -> true;
            default -> false;
        };
    }

    private static Predicate compare(String column, BinaryOp op, long value) {
        return switch (op) {
            case EQ -> Predicate.eq(column, value);
            case LT -> Predicate.lt(column, value);
            case LTE -> Predicate.ltEq(column, value);
            case GT -> Predicate.gt(column, value);
            case GTE -> Predicate.gtEq(column, value);
            default -> throw new IllegalArgumentException("not an ordering: " + op);
        };
    }

    /** The leaf, or null (no condition) when the file lacks its column. */
    private Predicate leaf(Predicate leaf) {
        String column = switch (leaf) {
            case Predicate.Comparison c -> c.column();
            case Predicate.IsNotNull n -> n.column();
            default -> throw new IllegalArgumentException("not a pruning leaf: " + leaf);
        };
        return schema.column(column).isPresent() ? leaf : null;
    }

    /** All of them; null operands are no condition. */
    private static Predicate and(List<Predicate> operands) {
        List<Predicate> known = operands.stream().filter(Objects::nonNull).toList();
        return known.isEmpty() ? null : known.size() == 1 ? known.getFirst() : new Predicate.And(known);
    }

    /** Any of them; one unknown operand makes the whole unknown. */
    private static Predicate or(List<Predicate> operands) {
        if (operands.isEmpty() || operands.stream().anyMatch(Objects::isNull)) return null;
        return operands.size() == 1 ? operands.getFirst() : new Predicate.Or(operands);
    }
}
