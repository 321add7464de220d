package io.pqflux.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema tree of a file with its leaf columns in file order. The tree keeps every node the footer has,
 * including groups without children ({@code num_children = 0}), which some writers emit: such a group has no
 * column, so the file holds no data for it (see {@link #emptyGroups()}).
 */
public final class MessageSchema {

    private final GroupNode root;
    private final List<ColumnDescriptor> columns;
    private final Map<String, ColumnDescriptor> byPath;
    /** The columns' dotted paths, built once: projections compare them against every path asked for. */
    private final List<String> columnPaths;
    private final List<GroupNode> emptyGroups;
    /**
     * Column paths that name more than their column: another column's path too, or a prefix of it. Built at the first
     * {@link #soleColumn} (racing threads build equal sets), not with every footer parsed.
     */
    private volatile Set<String> sharedPaths;

    MessageSchema(GroupNode root, List<ColumnDescriptor> columns) {
        this.root = root;
        this.columns = List.copyOf(columns);
        Map<String, ColumnDescriptor> map = new LinkedHashMap<>();
        for (ColumnDescriptor c : columns) map.putIfAbsent(c.dottedPath(), c);
        this.byPath = map;
        this.columnPaths = this.columns.stream().map(ColumnDescriptor::dottedPath).toList();
        List<GroupNode> empty = new ArrayList<>();
        for (SchemaNode child : root.children()) collectEmptyGroups(child, empty);
        this.emptyGroups = List.copyOf(empty);
    }

    private static void collectEmptyGroups(SchemaNode node, List<GroupNode> out) {
        if (!(node instanceof GroupNode group)) return;
        if (!hasColumns(group)) {
            out.add(group);
            return;
        }
        for (SchemaNode child : group.children()) collectEmptyGroups(child, out);
    }

    /** True when at least one column lies below {@code node} (or it is one). */
    static boolean hasColumns(SchemaNode node) {
        return switch (node) {
            case ColumnDescriptor c -> true;
            case GroupNode g -> g.children().stream().anyMatch(MessageSchema::hasColumns);
        };
    }

    public GroupNode root() {
        return root;
    }

    public List<ColumnDescriptor> columns() {
        return columns;
    }

    /** The dotted path of every column, in file order ({@code columnPaths().get(i)} is {@code columns().get(i)}'s). */
    public List<String> columnPaths() {
        return columnPaths;
    }

    public Optional<ColumnDescriptor> column(String dottedPath) {
        return Optional.ofNullable(byPath.get(dottedPath));
    }

    /**
     * The column {@code dottedPath} names when it names that column alone: no other column has that path or lies
     * below it (a name may hold dots). Empty when it names no column or more than one: select by path then.
     */
    public Optional<ColumnDescriptor> soleColumn(String dottedPath) {
        Set<String> shared = sharedPaths;
        if (shared == null) sharedPaths = shared = sharedPaths();
        return shared.contains(dottedPath) ? Optional.empty() : column(dottedPath);
    }

    private Set<String> sharedPaths() {
        Set<String> shared = new HashSet<>();
        // the map keeps a path's first column: a later column of that path shares it
        for (ColumnDescriptor c : columns) {
            if (byPath.get(c.dottedPath()) != c) shared.add(c.dottedPath());
        }
        // names may hold dots: a column's path can be the dotted prefix of another's
        for (String path : columnPaths) {
            for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
                String prefix = path.substring(0, dot);
                if (byPath.containsKey(prefix)) shared.add(prefix);
            }
        }
        return Set.copyOf(shared);
    }

    /**
     * The outermost groups with no column below them, in schema order: groups without children, and groups
     * whose descendants are all such groups. The file stores nothing for them, so rows read each as a field that
     * is null in every row, as parquet-java (which shows the field absent) and other readers do.
     */
    public List<GroupNode> emptyGroups() {
        return emptyGroups;
    }
}
