package io.pqflux.tempo.query.internal.tags;

import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.TraceQlParser;

/**
 * The tag of a tag-values request, read as Tempo reads it ({@code traceql.ParseIdentifier}: the text inside braces
 * must parse as a filter that is one attribute or intrinsic).
 *
 * @param text      the tag as given (Tempo answers some intrinsics by their spelling, see {@link IntrinsicTags})
 * @param field     the attribute or intrinsic
 */
record TagName(String text, FieldRef field) {

    /**
     * @throws TraceQlException {@code PARSE_ERROR} when the text is not one attribute or intrinsic
     */
    static TagName parse(String text) {
        String filter = "{" + text + "}";
        Query query;
        try {
            query = TraceQlParser.parse(filter);
        } catch (TraceQlException e) {
            throw notATag(text, e.detail());
        }
        if (query.metrics() == null && query.pipeline().stages().size() == 1
                && query.pipeline().stages().getFirst() instanceof SpansetFilter(FieldExpr expr, var range)
                && expr instanceof FieldRef ref) {
            if (ref instanceof AttributeField a && a.parent()) {
                throw new TraceQlException(TraceQlException.Reason.UNSUPPORTED, text, 0,
                        "tag values of the parent scope: Tempo stores no such column");
            }
            return new TagName(text, ref);
        }
        throw notATag(text, "not a single attribute or intrinsic");
    }

    private static TraceQlException notATag(String text, String why) {
        return new TraceQlException(TraceQlException.Reason.PARSE_ERROR, text, 0,
                "bad tag name (an attribute such as span.http.method, resource.service.name, .foo, or an intrinsic such as name): " + why);
    }

    AttributeField attribute() {
        return field instanceof AttributeField a ? a : null;
    }

    Intrinsic intrinsic() {
        return field instanceof IntrinsicField i ? i.intrinsic() : null;
    }

    /** Whether a filter's field is this tag, as Tempo compares attributes (scope and name, or the intrinsic). */
    boolean is(FieldRef other) {
        return switch (field) {
            case AttributeField a -> other instanceof AttributeField b && !b.parent() && a.scope() == b.scope()
                    && a.name().equals(b.name());
            case IntrinsicField i -> other instanceof IntrinsicField j && i.intrinsic() == j.intrinsic();
        };
    }

    boolean unscoped() {
        return field instanceof AttributeField a && a.scope() == AttributeScope.NONE;
    }
}
