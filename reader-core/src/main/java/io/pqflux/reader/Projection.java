package io.pqflux.reader;

import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves requested column paths to leaf columns in the order the caller asked for them: a path naming a group
 * brings its leaves in file order, and a leaf asked for twice is read once, at its first place.
 */
final class Projection {

    private Projection() {
    }

    static List<ColumnDescriptor> select(MessageSchema schema, List<String> paths) {
        if (paths == null) return schema.columns();
        Set<ColumnDescriptor> selected = new LinkedHashSet<>();
        for (String path : paths) {
            // a column's own path selects it alone (nothing lies below a leaf): one lookup, not a pass over the columns
            ColumnDescriptor leaf = schema.soleColumn(path).orElse(null);
            if (leaf != null) {
                selected.add(leaf);
                continue;
            }
            List<ColumnDescriptor> matches = new ArrayList<>();
            List<String> columnPaths = schema.columnPaths();
            for (int c = 0; c < columnPaths.size(); c++) {
                if (selects(path, columnPaths.get(c))) matches.add(schema.columns().get(c));
            }
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("no column '" + path + "'; the file's columns are " + columnPaths);
            }
            selected.addAll(matches);
        }
        return List.copyOf(selected);
    }

    /** True when {@code path} names the node at dotted path {@code node} or one of its ancestors. */
    static boolean selects(String path, String node) {
        return node.startsWith(path) && (node.length() == path.length() || node.charAt(path.length()) == '.');
    }
}
