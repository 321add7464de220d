package io.pqflux.nested;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.GroupNode;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The projected schema as {@link NestedField}s, following the LIST and MAP rules of the format's
 * LogicalTypes.md, including its backward-compatibility rules:
 * <ul>
 *   <li>a LIST group's repeated child is the element itself (a "2-level" list, elements required) when it
 *       is a primitive, a group of several fields, a group whose one field is repeated, or a group named
 *       {@code array} or {@code <list name>_tuple}; otherwise its one child is the element (3-level);</li>
 *   <li>a MAP (or legacy MAP_KEY_VALUE) group's repeated child holds the key and, optionally, the value; a
 *       map without values reads as the list of its keys; a repeated MAP_KEY_VALUE group that is not inside
 *       a MAP group is a map too;</li>
 *   <li>a repeated field outside LIST and MAP groups is a required list of required elements of its type.</li>
 * </ul>
 * A LIST or MAP annotation on a group whose shape fits none of these reads as the struct it physically is,
 * so no file parquet-java can assemble is rejected for its annotations. Projection prunes members and
 * otherwise keeps each group's reading, with two exceptions for maps: without its keys projected a map reads
 * as the struct it physically is; without its values, as the list of its keys.
 *
 * <p>Groups without columns ({@link MessageSchema#emptyGroups()}) have no levels to read; those asked for are
 * {@link NestedField.EmptyGroup} fields, null in every row, where their parent group is read.
 */
public final class NestedSchema {

    private final List<NestedField> fields;
    private final int[][] representative;
    private final int leafCount;

    private NestedSchema(List<NestedField> fields, int[][] representative) {
        this.fields = List.copyOf(fields);
        this.representative = representative;
        this.leafCount = representative.length;
    }

    /**
     * The fields of {@code projection}, with every empty group of the schema when the projection is every column
     * (the whole file is read), else with none.
     *
     * @param projection the leaves to read; their positions are the fields' {@link NestedField#leaf()}
     */
    public static NestedSchema of(MessageSchema schema, List<ColumnDescriptor> projection) {
        return of(schema, projection, projection.size() == schema.columns().size() ? schema.emptyGroups() : List.of());
    }

    /**
     * Top-level fields come in the order of their first leaf in the projection, so a caller's column order is the
     * fields' order (a field without projected leaves, an empty group, stays after the field before it in the
     * schema); members of a group keep the schema's order.
     *
     * @param projection  the leaves to read; their positions are the fields' {@link NestedField#leaf()}
     * @param emptyGroups groups of {@link MessageSchema#emptyGroups()} to read as always-null fields
     * @throws IllegalArgumentException when a group is not one of the schema's empty groups, or its parent is a
     *         group none of whose columns is projected (nothing would say in which rows the parent is present)
     */
    public static NestedSchema of(MessageSchema schema, List<ColumnDescriptor> projection, List<GroupNode> emptyGroups) {
        Builder builder = new Builder(schema.columns().size(), projection);
        for (GroupNode group : emptyGroups) {
            if (schema.emptyGroups().stream().noneMatch(g -> g == group)) {
                throw new IllegalArgumentException("'" + group.dottedPath() + "' is not an empty group of the schema");
            }
            builder.emptyGroups.add(group);
        }
        record Ranked(NestedField field, int firstPosition) {}
        List<Ranked> ranked = new ArrayList<>();
        int previousPosition = -1;
        for (SchemaNode child : schema.root().children()) {
            NestedField field = builder.field(child, 1);
            if (field == null) continue;
            int position = builder.lowestPosition(child);
            if (position == Integer.MAX_VALUE) position = previousPosition;
            ranked.add(new Ranked(field, position));
            previousPosition = position;
        }
        // stable: fields of equal rank (an empty group and the field before it) keep the schema's order
        ranked.sort(Comparator.comparingInt(Ranked::firstPosition));
        for (GroupNode group : emptyGroups) {
            if (!builder.placed.contains(group)) {
                String parent = String.join(".", group.path().subList(0, group.path().size() - 1));
                throw new IllegalArgumentException("'" + group.dottedPath() + "' has no columns, and no column of '"
                        + parent + "' is read to say in which rows '" + parent + "' is present: read one with it");
            }
        }
        builder.assignRepresentatives(schema.root());
        return new NestedSchema(ranked.stream().map(Ranked::field).toList(), builder.representative);
    }

    /** The top-level fields with at least one projected leaf, and the empty groups read, in projection order (see {@link #of}). */
    public List<NestedField> fields() {
        return fields;
    }

    public int leafCount() {
        return leafCount;
    }

    /**
     * The first projected leaf that shares the path of leaf {@code leaf} down to {@code level}: the one whose
     * levels define that node's slots for every leaf below it.
     */
    public int representative(int leaf, int level) {
        return representative[leaf][level];
    }

    private static final class Builder {
        /** Per column index of the schema, its projection position, or -1 when not projected. */
        private final int[] positionByColumnIndex;
        private final int[][] representative;
        /** The empty groups to read, and those a field was made for (by identity: nodes are records). */
        final Set<GroupNode> emptyGroups = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<GroupNode> placed = Collections.newSetFromMap(new IdentityHashMap<>());

        Builder(int columnCount, List<ColumnDescriptor> projection) {
            for (ColumnDescriptor c : projection) columnCount = Math.max(columnCount, c.index() + 1);
            positionByColumnIndex = new int[columnCount];
            Arrays.fill(positionByColumnIndex, -1);
            representative = new int[projection.size()][];
            for (int p = 0; p < projection.size(); p++) {
                ColumnDescriptor c = projection.get(p);
                // a descriptor of no file (index -1) matches no leaf of the schema
                if (c.index() >= 0) positionByColumnIndex[c.index()] = p;
                representative[p] = new int[c.path().size() + 1];
            }
        }

        private int position(ColumnDescriptor c) {
            return c.index() >= 0 && c.index() < positionByColumnIndex.length ? positionByColumnIndex[c.index()] : -1;
        }

        NestedField field(SchemaNode node, int level) {
            if (node instanceof GroupNode g && emptyGroups.contains(g)) {
                placed.add(g);
                return new NestedField.EmptyGroup(g.name(), g, level);
            }
            int first = firstLeaf(node);
            if (first < 0) return null;
            if (node.repetition() == FieldRepetitionType.REPEATED) {
                if (node instanceof GroupNode g && g.convertedType() == ConvertedType.MAP_KEY_VALUE) {
                    NestedField map = mapEntries(g, g, level, level, -1, first);
                    if (map != null) return map;
                }
                return new NestedField.ListOf(node.name(), value(node, level, -1), first, level, -1, level);
            }
            return value(node, level, node.repetition() == FieldRepetitionType.OPTIONAL ? level : -1);
        }

        /** The node read as a single value, whatever its repetition: the element of a list or the field itself. */
        private NestedField value(SchemaNode node, int level, int validityLevel) {
            int first = firstLeaf(node);
            if (node instanceof ColumnDescriptor c) return new NestedField.Primitive(c.name(), c, first, level, validityLevel);
            GroupNode group = (GroupNode) node;
            NestedField special = switch (group.logicalType()) {
                case LogicalType.ListType l -> list(group, level, validityLevel, first);
                case LogicalType.MapType m -> map(group, level, validityLevel, first);
                case null, default -> null;
            };
            return special != null ? special : struct(group, level, validityLevel, first);
        }

        private NestedField struct(GroupNode group, int level, int validityLevel, int first) {
            List<NestedField> members = new ArrayList<>();
            for (SchemaNode child : group.children()) {
                NestedField member = field(child, level + 1);
                if (member != null) members.add(member);
            }
            return new NestedField.Struct(group.name(), members, first, level, validityLevel);
        }

        private NestedField list(GroupNode group, int level, int validityLevel, int first) {
            if (group.children().size() != 1 || group.children().getFirst().repetition() != FieldRepetitionType.REPEATED) {
                return null;
            }
            SchemaNode repeated = group.children().getFirst();
            NestedField element = isElement(group, repeated)
                    ? value(repeated, level + 1, -1)
                    : field(((GroupNode) repeated).children().getFirst(), level + 2);
            return new NestedField.ListOf(group.name(), element, first, level, validityLevel, level + 1);
        }

        /** The backward-compatibility rules that make the repeated node itself the element (a 2-level list). */
        private static boolean isElement(GroupNode list, SchemaNode repeated) {
            if (!(repeated instanceof GroupNode g)) return true;
            if (g.children().size() != 1) return true;
            if (g.children().getFirst().repetition() == FieldRepetitionType.REPEATED) return true;
            return g.name().equals("array") || g.name().equals(list.name() + "_tuple");
        }

        private NestedField map(GroupNode group, int level, int validityLevel, int first) {
            if (group.children().size() != 1 || group.children().getFirst().repetition() != FieldRepetitionType.REPEATED
                    || !(group.children().getFirst() instanceof GroupNode entries)) {
                return null;
            }
            return mapEntries(group, entries, level, level + 1, validityLevel, first);
        }

        /** @param entries the repeated key/value group, at {@code entriesLevel}; the map's own node is at {@code level} */
        private NestedField mapEntries(GroupNode map, GroupNode entries, int level, int entriesLevel, int validityLevel,
                                       int first) {
            int members = entries.children().size();
            if (members < 1 || members > 2) return null;
            NestedField key = field(entries.children().get(0), entriesLevel + 1);
            if (key == null) return null;
            NestedField value = members == 2 ? field(entries.children().get(1), entriesLevel + 1) : null;
            if (value == null) return new NestedField.ListOf(map.name(), key, first, level, validityLevel, entriesLevel);
            return new NestedField.MapOf(map.name(), key, value, first, level, validityLevel, entriesLevel);
        }

        /** Projection position of the first projected leaf under the node, or -1 when none is projected. */
        private int firstLeaf(SchemaNode node) {
            return switch (node) {
                case ColumnDescriptor c -> position(c);
                case GroupNode g -> {
                    // indexed: an iterator per node of every call was most of what opening a reader allocated
                    List<SchemaNode> children = g.children();
                    for (int i = 0; i < children.size(); i++) {
                        int first = firstLeaf(children.get(i));
                        if (first >= 0) yield first;
                    }
                    yield -1;
                }
            };
        }

        /** The lowest projection position of a leaf under the node, or {@code Integer.MAX_VALUE} when none is projected. */
        int lowestPosition(SchemaNode node) {
            return switch (node) {
                case ColumnDescriptor c -> {
                    int position = position(c);
                    yield position < 0 ? Integer.MAX_VALUE : position;
                }
                case GroupNode g -> {
                    int lowest = Integer.MAX_VALUE;
                    List<SchemaNode> children = g.children();
                    for (int i = 0; i < children.size(); i++) lowest = Math.min(lowest, lowestPosition(children.get(i)));
                    yield lowest;
                }
            };
        }

        /**
         * Every projected leaf below the root takes, at each level of its path, the first projected leaf below its
         * ancestor at that level as representative: one walk in schema order, where the first projected leaf met
         * after entering a node is that node's first.
         */
        void assignRepresentatives(GroupNode root) {
            int depth = 0;
            for (int[] levels : representative) depth = Math.max(depth, levels.length);
            int[] firstAtLevel = new int[depth];
            assignRepresentatives(root, 0, firstAtLevel);
        }

        private void assignRepresentatives(SchemaNode node, int level, int[] firstAtLevel) {
            if (level >= firstAtLevel.length) return;
            firstAtLevel[level] = -1;
            switch (node) {
                case ColumnDescriptor c -> {
                    int p = position(c);
                    if (p < 0) return;
                    for (int l = 0; l <= level; l++) {
                        if (firstAtLevel[l] < 0) firstAtLevel[l] = p;
                        representative[p][l] = firstAtLevel[l];
                    }
                }
                case GroupNode g -> {
                    List<SchemaNode> children = g.children();
                    for (int i = 0; i < children.size(); i++) assignRepresentatives(children.get(i), level + 1, firstAtLevel);
                }
            }
        }
    }
}
