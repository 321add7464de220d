package io.pqflux.tempo.internal.vparquet4;

/**
 * Column paths of the vParquet4 schema (docs/tempo-format.md §4). Columns are found by path, never by position: files
 * of the two attribute layouts have the same column count and order but different leaves.
 */
final class Vp4Paths {

    private Vp4Paths() {
    }

    static final String SERVICE_STATS = "ServiceStats";
    static final String STATS_LIST = "ServiceStats.key_value";
    static final String STATS_KEY = "ServiceStats.key_value.key";
    static final String STATS_SPANS = "ServiceStats.key_value.value.SpanCount";
    static final String STATS_ERRORS = "ServiceStats.key_value.value.ErrorCount";

    static final String RS_LIST = "rs.list";
    static final String RESOURCE = "rs.list.element.Resource.";
    static final String RESOURCE_ATTRS = RESOURCE + "Attrs.list.element.";
    static final String SS_LIST = "rs.list.element.ss.list";
    static final String SCOPE = "rs.list.element.ss.list.element.Scope.";
    static final String SPANS_LIST = "rs.list.element.ss.list.element.Spans.list";
    static final String SPAN = SPANS_LIST + ".element.";
    static final String EVENTS_LIST = SPAN + "Events.list";
    static final String EVENT = EVENTS_LIST + ".element.";
    static final String LINKS_LIST = SPAN + "Links.list";
    static final String LINK = LINKS_LIST + ".element.";
}
