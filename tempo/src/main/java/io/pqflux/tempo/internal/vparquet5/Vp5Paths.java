package io.pqflux.tempo.internal.vparquet5;

import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.internal.assembly.ListShape;

/**
 * Column paths of one vParquet5 file, resolved from its schema: the previews annotate lists as LIST and
 * {@code ServiceStats} as a MAP ({@code rs.list.element.Resource.ServiceName}, {@code ServiceStats.key_value.key}),
 * current Tempo writes plain repeated groups and a {@code ServiceStats} list ({@code rs.Resource.ServiceName},
 * {@code ServiceStats.ServiceName}). List fields end without a dot (pass them to {@link ListShape#repeated}), owner
 * prefixes end with one.
 */
final class Vp5Paths {

    static final String SERVICE_STATS = "ServiceStats";

    final ListShape shape;
    /** The repeated node of the service stats and their three leaves. */
    final String statsList, statsKey, statsSpans, statsErrors;
    final String rs, resource, ss, scope, spans, span, events, event, links, link;

    private Vp5Paths(ListShape shape, boolean statsMap) {
        this.shape = shape;
        if (statsMap) {
            statsList = SERVICE_STATS + ".key_value";
            statsKey = statsList + ".key";
            statsSpans = statsList + ".value.SpanCount";
            statsErrors = statsList + ".value.ErrorCount";
        } else {
            statsList = SERVICE_STATS;
            statsKey = SERVICE_STATS + ".ServiceName";
            statsSpans = SERVICE_STATS + ".SpanCount";
            statsErrors = SERVICE_STATS + ".ErrorCount";
        }
        rs = "rs";
        resource = shape.element(rs) + ".Resource.";
        ss = shape.element(rs) + ".ss";
        scope = shape.element(ss) + ".Scope.";
        spans = shape.element(ss) + ".Spans";
        span = shape.element(spans) + ".";
        events = span + "Events";
        event = shape.element(events) + ".";
        links = span + "Links";
        link = shape.element(links) + ".";
    }

    /**
     * @throws TempoException {@link TempoException.Reason#UNKNOWN_LAYOUT} naming the column when {@code rs} or
     *                        {@code ServiceStats} has neither shape
     */
    static Vp5Paths of(MessageSchema schema, String source) {
        ListShape shape = ListShape.of(schema, "rs", source);
        boolean statsMap = schema.column(SERVICE_STATS + ".key_value.key").isPresent();
        if (!statsMap && schema.column(SERVICE_STATS + ".ServiceName").isEmpty()) {
            throw new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source, "column " + SERVICE_STATS
                    + " is neither a map (ServiceStats.key_value.key) nor a list (ServiceStats.ServiceName)");
        }
        return new Vp5Paths(shape, statsMap);
    }

    /** The path of the dedicated column {@code column} ({@code String01}, {@code Int03}) of the owner at {@code owner}. */
    static String dedicated(String owner, String column) {
        return owner + "DedicatedAttributes." + column;
    }
}
