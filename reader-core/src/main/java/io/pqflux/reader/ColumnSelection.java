package io.pqflux.reader;

import io.pqflux.schema.GroupNode;
import io.pqflux.schema.MessageSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Requested column paths split into those that name columns (resolved by {@link Projection}) and the empty groups
 * (groups without columns) they select: a path selects the node it names and everything below it, so it selects an
 * empty group when it names the group, one of its ancestors, or a node inside it. A path that names only empty
 * groups is not a column path. No paths (null) select every empty group.
 */
record ColumnSelection(List<String> columnPaths, List<GroupNode> emptyGroups) {

    static ColumnSelection of(MessageSchema schema, List<String> paths) {
        if (paths == null) return new ColumnSelection(null, schema.emptyGroups());
        Set<GroupNode> selected = Collections.newSetFromMap(new IdentityHashMap<>());
        List<GroupNode> groups = schema.emptyGroups();
        List<String> groupPaths = groups.stream().map(GroupNode::dottedPath).toList();
        List<String> columnPaths = new ArrayList<>(paths.size());
        for (String path : paths) {
            boolean namesEmptyGroup = false;
            for (int g = 0; g < groups.size(); g++) {
                if (Projection.selects(path, groupPaths.get(g)) || Projection.selects(groupPaths.get(g), path)) {
                    selected.add(groups.get(g));
                    namesEmptyGroup = true;
                }
            }
            boolean namesColumn = schema.column(path).isPresent()
                    || schema.columnPaths().stream().anyMatch(column -> Projection.selects(path, column));
            // a path naming nothing stays, so that Projection reports it
            if (namesColumn || !namesEmptyGroup) columnPaths.add(path);
        }
        return new ColumnSelection(columnPaths, schema.emptyGroups().stream().filter(selected::contains).toList());
    }
}
