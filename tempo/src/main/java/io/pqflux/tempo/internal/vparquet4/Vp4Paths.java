package io.pqflux.tempo.internal.vparquet4;

/**
 * Column paths of the vParquet4 schema (spec §4). Columns are found by path, never by position: files of the
 * two attribute layouts have the same column count and order but different leaves.
 */
final class Vp4Paths {

    private Vp4Paths() {
    }

    static final String TRACE_ID = "TraceID";
    static final String START = "StartTimeUnixNano";
    static final String END = "EndTimeUnixNano";
    static final String DURATION = "DurationNano";
    static final String ROOT_SERVICE = "RootServiceName";
    static final String ROOT_SPAN = "RootSpanName";
    static final String SERVICE_STATS = "ServiceStats";
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

    /** Well-known resource columns and the attribute each restores, in the order Tempo emits them (after service.name). */
    static final String[][] RESOURCE_WELL_KNOWN = {
            {"Cluster", "cluster"}, {"Namespace", "namespace"}, {"Pod", "pod"}, {"Container", "container"},
            {"K8sClusterName", "k8s.cluster.name"}, {"K8sNamespaceName", "k8s.namespace.name"},
            {"K8sPodName", "k8s.pod.name"}, {"K8sContainerName", "k8s.container.name"}};

    /** The dedicated string slots per scope: {@code DedicatedAttributes.String01} to {@code String10}. */
    static final int DEDICATED_SLOTS = 10;

    static String dedicatedSlot(int index) {
        return String.format("DedicatedAttributes.String%02d", index + 1);
    }

}
