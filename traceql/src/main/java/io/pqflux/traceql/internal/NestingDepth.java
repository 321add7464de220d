package io.pqflux.traceql.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;

/**
 * The depth of a parsed query's syntax tree, measured without recursion: the walks that come after parsing (checking,
 * printing, pruning, evaluating) recurse once per level, so the parser refuses a tree deeper than
 * {@link io.pqflux.traceql.TraceQl#MAX_NESTING} before any of them runs. The nodes are records; every record
 * component that holds a node, or a list of them, is a child, so a new kind of node needs no change here.
 */
final class NestingDepth {

    private NestingDepth() {
    }

    /** The first node (in walk order) deeper than {@code limit} levels, or {@code null} if the tree is within it. */
    static Node deeperThan(Node root, int limit) {
        Deque<Object> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Object value = nodes.pop();
            int depth = depths.pop();
            if (depth > limit && value instanceof Node node) {
                return node;
            }
            for (Object child : children(value)) {
                nodes.push(child);
                depths.push(child instanceof Node ? depth + 1 : depth);
            }
        }
        return null;
    }

    private static Collection<Object> children(Object value) {
        Collection<Object> out = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            out.addAll(list);
            return out;
        }
        if (!(value instanceof Record record)) {
            return out;
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Class<?> type = component.getType();
            if (!Node.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type)) {
                continue;
            }
            Object child = read(component, record);
            if (child != null) {
                out.add(child);
            }
        }
        return out;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }
}
