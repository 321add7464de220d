package io.pqflux.tempo.internal.vparquet3;

/** Column paths of the vParquet3 schema (spec §17): LIST-annotated like vParquet4, with vParquet3's own leaves. */
final class Vp3Paths {

    private Vp3Paths() {
    }

    static final String TRACE_ID = "TraceID";
    static final String START = "StartTimeUnixNano";
    static final String END = "EndTimeUnixNano";
    static final String DURATION = "DurationNano";
    static final String ROOT_SERVICE = "RootServiceName";
    static final String ROOT_SPAN = "RootSpanName";

    static final String RS_LIST = "rs.list";
    static final String RESOURCE = "rs.list.element.Resource.";
    static final String SS_LIST = "rs.list.element.ss.list";
    static final String SCOPE = "rs.list.element.ss.list.element.Scope.";
    static final String SPANS_LIST = "rs.list.element.ss.list.element.Spans.list";
    static final String SPAN = SPANS_LIST + ".element.";
    static final String EVENTS_LIST = SPAN + "Events.list";
    static final String EVENT = EVENTS_LIST + ".element.";

    /** Well-known resource columns and the attribute each restores, in the order Tempo emits them (after service.name). */
    static final String[][] RESOURCE_WELL_KNOWN = {
            {"Cluster", "cluster"}, {"Namespace", "namespace"}, {"Pod", "pod"}, {"Container", "container"},
            {"K8sClusterName", "k8s.cluster.name"}, {"K8sNamespaceName", "k8s.namespace.name"},
            {"K8sPodName", "k8s.pod.name"}, {"K8sContainerName", "k8s.container.name"}};

    /** The dedicated string slots per scope: {@code DedicatedAttributes.String01} to {@code String10}, optional. */
    static final int DEDICATED_SLOTS = 10;

    static String dedicatedSlot(int index) {
        return String.format("DedicatedAttributes.String%02d", index + 1);
    }
}
