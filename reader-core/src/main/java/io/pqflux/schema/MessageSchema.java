package io.pqflux.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schema tree of a file with its leaf columns in file order. */
public final class MessageSchema {

    private final GroupNode root;
    private final List<ColumnDescriptor> columns;
    private final Map<String, ColumnDescriptor> byPath;

    MessageSchema(GroupNode root, List<ColumnDescriptor> columns) {
        this.root = root;
        this.columns = List.copyOf(columns);
        Map<String, ColumnDescriptor> map = new LinkedHashMap<>();
        for (ColumnDescriptor c : columns) map.putIfAbsent(c.dottedPath(), c);
        this.byPath = map;
    }

    public GroupNode root() {
        return root;
    }

    public List<ColumnDescriptor> columns() {
        return columns;
    }

    public Optional<ColumnDescriptor> column(String dottedPath) {
        return Optional.ofNullable(byPath.get(dottedPath));
    }
}
