package io.pqflux.tempo.internal.assembly;

import io.pqflux.nested.SlotReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed attribute columns of vParquet3 and vParquet4 (docs/tempo-format.md §5, §8.2): the ten optional dedicated
 * string slots of an owner ({@code DedicatedAttributes.String01…10}, named per block by its meta) and the resource's
 * well-known columns. Each appends the non-null values of one owner slot as string attributes, in Tempo's order.
 */
public final class StaticColumns {

    /** Dedicated string slots per owner. */
    public static final int DEDICATED_SLOTS = 10;
    /** Well-known resource columns and the attribute each restores, in the order Tempo emits them (after service.name). */
    private static final String[][] RESOURCE_WELL_KNOWN = {
            {"Cluster", "cluster"}, {"Namespace", "namespace"}, {"Pod", "pod"}, {"Container", "container"},
            {"K8sClusterName", "k8s.cluster.name"}, {"K8sNamespaceName", "k8s.namespace.name"},
            {"K8sPodName", "k8s.pod.name"}, {"K8sContainerName", "k8s.container.name"}};

    private static final Map<String, String> WELL_KNOWN_RESOURCE_LEAVES;

    static {
        Map<String, String> leaves = new LinkedHashMap<>();
        for (String[] column : RESOURCE_WELL_KNOWN) leaves.put(column[0], column[1]);
        WELL_KNOWN_RESOURCE_LEAVES = Collections.unmodifiableMap(leaves);
    }

    /**
     * The well-known resource leaves (after the resource's path) and the attribute each holds, in Tempo's order;
     * unmodifiable, made once (a block's column selection asks per column).
     */
    public static Map<String, String> wellKnownResourceLeaves() {
        return WELL_KNOWN_RESOURCE_LEAVES;
    }

    private final SlotReader[] leaves;
    private final List<String> names;

    private StaticColumns(SlotReader[] leaves, List<String> names) {
        this.leaves = leaves;
        this.names = names;
    }

    /**
     * The string columns of vParquet3 and vParquet4 that hold attribute {@code name}: a dedicated slot of the resource
     * or span, a well-known resource column, {@code http.method} or {@code http.url} of a span.
     */
    public static List<String> stringColumns(TracePaths paths, AttributeOwner owner, String name, List<String> resourceDedicated,
                                             List<String> spanDedicated) {
        List<String> out = new ArrayList<>();
        switch (owner) {
            case RESOURCE -> {
                int slot = resourceDedicated.indexOf(name);
                if (slot >= 0) out.add(paths.resource + dedicatedSlot(slot));
                for (String[] column : RESOURCE_WELL_KNOWN) if (column[1].equals(name)) out.add(paths.resource + column[0]);
            }
            case SPAN -> {
                int slot = spanDedicated.indexOf(name);
                if (slot >= 0) out.add(paths.span + dedicatedSlot(slot));
                String http = HttpColumns.stringLeaf(name);
                if (http != null) out.add(paths.span + http);
            }
            default -> {
            }
        }
        return out;
    }

    /** The column of dedicated slot {@code index} (0 for {@code String01}). */
    public static String dedicatedSlot(int index) {
        return String.format("DedicatedAttributes.String%02d", index + 1);
    }

    /**
     * @param owner the owner's path, up to and including the dot before its leaves
     * @param names the attribute names of the slots, slot order; slots not read are skipped
     */
    public static StaticColumns dedicated(Map<String, SlotReader> batch, String owner, List<String> names) {
        SlotReader[] leaves = new SlotReader[names.size()];
        for (int i = 0; i < leaves.length; i++) leaves[i] = batch.get(owner + dedicatedSlot(i));
        return new StaticColumns(leaves, names);
    }

    /** @param resource the resource's path, up to and including the dot before its leaves */
    public static StaticColumns wellKnownResource(Map<String, SlotReader> batch, String resource) {
        SlotReader[] leaves = new SlotReader[RESOURCE_WELL_KNOWN.length];
        String[] names = new String[RESOURCE_WELL_KNOWN.length];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = batch.get(resource + RESOURCE_WELL_KNOWN[i][0]);
            names[i] = RESOURCE_WELL_KNOWN[i][1];
        }
        return new StaticColumns(leaves, List.of(names));
    }

    /** Puts the owner's non-null values into {@code out}, in column order. */
    public void append(int slot, AttributeSink out) {
        for (int i = 0; i < leaves.length; i++) {
            if (leaves[i] != null && !leaves[i].isNull(slot)) out.string(names.get(i), leaves[i], slot);
        }
    }
}
