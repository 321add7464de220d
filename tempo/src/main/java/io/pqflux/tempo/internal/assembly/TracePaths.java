package io.pqflux.tempo.internal.assembly;

import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoException;

/**
 * Column paths of one Tempo data file: where the service stats, resources, scopes, spans, events and links live. Every
 * format nests them alike; they differ in how lists are written ({@link ListShape}) and in how service stats are
 * stored (docs/tempo-format.md §4 and §17). List fields end without a dot (pass them to {@link ListShape#repeated}),
 * owner prefixes end with one. Columns are found by path, never by position.
 */
public final class TracePaths {

    public static final String SERVICE_STATS = "ServiceStats";

    /** How a format stores its per-service span and error counts. */
    public enum Stats {
        /** vParquet3: not stored. */
        NONE,
        /** vParquet4 and the vParquet5 previews: a MAP from service name to counts. */
        MAP,
        /** current vParquet5: a list of structs with the service name. */
        LIST
    }

    public final ListShape shape;
    /** The repeated node of the service stats and their three leaves; all null for {@link Stats#NONE}. */
    public final String statsList, statsKey, statsSpans, statsErrors;
    public final String rs, resource, ss, scope, spans, span, events, event, links, link;
    /** Levels of the resource-spans, scope-spans and span lists in the nested column of any leaf below them. */
    public final int rsLevel, ssLevel, spansLevel;

    private TracePaths(ListShape shape, Stats stats) {
        this.shape = shape;
        switch (stats) {
            case NONE -> statsList = statsKey = statsSpans = statsErrors = null;
            case MAP -> {
                statsList = SERVICE_STATS + ".key_value";
                statsKey = statsList + ".key";
                statsSpans = statsList + ".value.SpanCount";
                statsErrors = statsList + ".value.ErrorCount";
            }
            case LIST -> {
                statsList = SERVICE_STATS;
                statsKey = SERVICE_STATS + ".ServiceName";
                statsSpans = SERVICE_STATS + ".SpanCount";
                statsErrors = SERVICE_STATS + ".ErrorCount";
            }
            default -> throw new AssertionError(stats);
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
        rsLevel = ColumnPaths.level(shape.repeated(rs));
        ssLevel = ColumnPaths.level(shape.repeated(ss));
        spansLevel = ColumnPaths.level(shape.repeated(spans));
    }

    /** The paths of a format with a fixed layout. */
    public static TracePaths of(ListShape shape, Stats stats) {
        return new TracePaths(shape, stats);
    }

    /**
     * The paths a file's schema uses, for a format whose files differ in list shape and service stats (vParquet5).
     *
     * @throws TempoException {@link TempoException.Reason#UNKNOWN_LAYOUT} naming the column when {@code rs} or
     *                        {@code ServiceStats} has neither shape
     */
    public static TracePaths of(MessageSchema schema, String source) {
        ListShape shape = ListShape.of(schema, "rs", source);
        boolean statsMap = schema.column(SERVICE_STATS + ".key_value.key").isPresent();
        if (!statsMap && schema.column(SERVICE_STATS + ".ServiceName").isEmpty()) {
            throw new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source, "column " + SERVICE_STATS
                    + " is neither a map (ServiceStats.key_value.key) nor a list (ServiceStats.ServiceName)");
        }
        return new TracePaths(shape, statsMap ? Stats.MAP : Stats.LIST);
    }

    public boolean hasStats() {
        return statsList != null;
    }

    /** The repeated node of the events list, whose level holds a span's event offsets. */
    public String eventsList() {
        return shape.repeated(events);
    }

    /** The repeated node of the links list. */
    public String linksList() {
        return shape.repeated(links);
    }

    /** The attribute list element of an owner ({@link #resource}, {@link #span}, …), ending with a dot. */
    public String attributes(String owner) {
        return shape.element(owner + "Attrs") + ".";
    }

    /** The path of the dedicated column {@code column} ({@code String01}, {@code Int03}) of a vParquet5 owner. */
    public static String dedicated(String owner, String column) {
        return owner + "DedicatedAttributes." + column;
    }
}
