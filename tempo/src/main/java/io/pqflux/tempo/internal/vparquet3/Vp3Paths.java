package io.pqflux.tempo.internal.vparquet3;

/**
 * Column paths of the vParquet3 schema (docs/tempo-format.md §17): LIST-annotated like vParquet4, with vParquet3's own
 * leaves.
 */
final class Vp3Paths {

    private Vp3Paths() {
    }

    static final String RS_LIST = "rs.list";
    static final String RESOURCE = "rs.list.element.Resource.";
    static final String SS_LIST = "rs.list.element.ss.list";
    static final String SCOPE = "rs.list.element.ss.list.element.Scope.";
    static final String SPANS_LIST = "rs.list.element.ss.list.element.Spans.list";
    static final String SPAN = SPANS_LIST + ".element.";
    static final String EVENTS_LIST = SPAN + "Events.list";
    static final String EVENT = EVENTS_LIST + ".element.";
}
