package io.pqflux.tempo.query.internal.tags;

import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.Statistics;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.query.TagsRequest.Scope;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.internal.assembly.HttpColumns;
import io.pqflux.tempo.internal.assembly.StaticColumns;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * The fast path for tag names without a filter, as Tempo's {@code SearchTags} answers them: the generic keys of a
 * scope are the entries of its {@code Key} columns' dictionaries (only those chunks are read), and a well-known or
 * dedicated column counts when its chunk statistics show a value that is not null (the footer alone), or, when they
 * do not tell, when its pages hold one. vParquet3 and vParquet4 only; a block of another format, or a scope without
 * key columns, is left to the exact path.
 */
final class ColumnTagNames {

    /** vParquet3/4's well-known resource leaves and the attributes they hold, {@code ServiceName} among them. */
    private static final Map<String, String> WELL_KNOWN_RESOURCE = wellKnownResource();
    private static final Map<String, String> WELL_KNOWN_SPAN = HttpColumns.LEAVES;

    private static Map<String, String> wellKnownResource() {
        Map<String, String> leaves = new HashMap<>(StaticColumns.wellKnownResourceLeaves());
        leaves.put("ServiceName", "service.name");
        return Map.copyOf(leaves);
    }

    private ColumnTagNames() {
    }

    /** A leaf that answers a name: a scope's key column (name null), or a special column of one attribute. */
    private record Leaf(int index, String path, Scope scope, String name) {
    }

    /** The names per requested scope, or null when this block needs the exact path. */
    static Map<Scope, Set<String>> read(BlockColumns data, BlockMeta meta, Set<Scope> scopes, LongConsumer bytesRead) {
        if (meta.tempoFormat() == TempoFormat.VPARQUET5) return null;
        List<ColumnDescriptor> columns = data.schema().columns();
        List<Leaf> keys = new ArrayList<>();
        List<Leaf> special = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Leaf leaf = classify(i, columns.get(i).path(), meta);
            if (leaf == null || !scopes.contains(leaf.scope())) continue;
            (leaf.name() == null ? keys : special).add(leaf);
        }
        if (keys.isEmpty()) return null;
        Map<Scope, Set<String>> names = new EnumMap<>(Scope.class);
        for (Scope scope : scopes) names.put(scope, new TreeSet<>());
        try (ParquetReader reader = data.open(keys.stream().map(Leaf::path).toList())) {
            for (Leaf leaf : special) {
                Boolean holds = holdsValue(reader.metaData(), leaf.index());
                if (holds == null) holds = readsValue(data, leaf.path(), bytesRead);
                if (holds) names.get(leaf.scope()).add(leaf.name());
            }
            Map<String, Scope> keyScopes = new HashMap<>();
            for (Leaf leaf : keys) keyScopes.put(leaf.path(), leaf.scope());
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    for (ColumnVector vector : batch.columns()) {
                        distinctStrings(vector, names.get(keyScopes.get(String.join(".", vector.column().path()))));
                    }
                }
            }
            bytesRead.accept(reader.metrics().bytesRead());
        }
        return names;
    }

    /**
     * The values of attribute {@code name} when only string columns of its own hold it (vParquet3/4): the distinct
     * strings of its well-known or dedicated columns of {@code columnScopes}, provided no key column of
     * {@code keyScopes} holds the name (else some values sit in the generic columns too). Null when this does not
     * apply: another format, no such column, an int column, or the name among the generic keys.
     */
    static Set<String> specialColumnValues(BlockColumns data, BlockMeta meta, String name, Set<Scope> columnScopes,
                                           Set<Scope> keyScopes, LongConsumer bytesRead) {
        if (meta.tempoFormat() == TempoFormat.VPARQUET5) return null;
        List<ColumnDescriptor> columns = data.schema().columns();
        List<String> keys = new ArrayList<>();
        List<String> special = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Leaf leaf = classify(i, columns.get(i).path(), meta);
            if (leaf == null) continue;
            if (leaf.name() == null && keyScopes.contains(leaf.scope())) keys.add(leaf.path());
            if (name.equals(leaf.name()) && columnScopes.contains(leaf.scope())) {
                if (HttpColumns.holdsInts(leaf.path().substring(leaf.path().lastIndexOf('.') + 1))) return null; // an int column: the exact path types it
                special.add(leaf.path());
            }
        }
        if (special.isEmpty()) return null;
        if (!keys.isEmpty()) {
            Set<String> keyNames = new TreeSet<>();
            readAll(data, keys, keyNames, bytesRead);
            if (keyNames.contains(name)) return null;
        }
        Set<String> values = new TreeSet<>();
        readAll(data, special, values, bytesRead);
        return values;
    }

    /** The distinct strings of these columns, every row group. */
    private static void readAll(BlockColumns data, List<String> paths, Set<String> into, LongConsumer bytesRead) {
        try (ParquetReader reader = data.open(paths)) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    for (ColumnVector vector : batch.columns()) distinctStrings(vector, into);
                }
            }
            bytesRead.accept(reader.metrics().bytesRead());
        }
    }

    /** Whether some row group's chunk has a value that is not null; null when the statistics do not say. */
    private static Boolean holdsValue(FileMetaData file, int column) {
        for (RowGroup group : file.rowGroups()) {
            ColumnChunk chunk = group.columns().get(column);
            Statistics statistics = chunk.metaData() == null ? null : chunk.metaData().statistics();
            if (statistics == null || statistics.nullCount() == null) return null;
            if (chunk.metaData().numValues() - statistics.nullCount() > 0) return true;
        }
        return false;
    }

    /**
     * Whether the column holds a value that is not null, read from its pages (Tempo's way when statistics say nothing):
     * row group by row group, stopping at the first with a value.
     */
    private static boolean readsValue(BlockColumns data, String path, LongConsumer bytesRead) {
        try (ParquetReader reader = data.open(List.of(path))) {
            try {
                for (int g = 0; g < reader.rowGroupCount(); g++) {
                    try (RowGroupBatch batch = reader.readRowGroup(g)) {
                        if (batch.columns().getFirst().valueCount() > 0) return true;
                    }
                }
                return false;
            } finally {
                bytesRead.accept(reader.metrics().bytesRead());
            }
        }
    }

    /** The leaf's role, from its path: {@code …<owner>.Attrs[.list.element].Key}, or a special column. */
    private static Leaf classify(int index, List<String> path, BlockMeta meta) {
        String dotted = String.join(".", path);
        String last = path.getLast();
        if (last.equals("Key")) {
            int attrs = path.lastIndexOf("Attrs");
            if (attrs < 1) return null;
            Scope scope = owner(path, attrs);
            return scope == null ? null : new Leaf(index, dotted, scope, null);
        }
        Scope scope = owner(path, path.size() - 1);
        if (scope == null) return null;
        String name = null;
        if (path.size() >= 2 && path.get(path.size() - 2).equals("DedicatedAttributes") && last.startsWith("String")) {
            if (scope != Scope.RESOURCE && scope != Scope.SPAN) return null;
            List<String> slots = meta.dedicatedSlots(scope == Scope.RESOURCE ? DedicatedColumn.Scope.RESOURCE : DedicatedColumn.Scope.SPAN);
            int slot = Integer.parseInt(last.substring("String".length())) - 1;
            name = slot < slots.size() ? slots.get(slot) : null;
        } else if (scope == Scope.RESOURCE) {
            name = WELL_KNOWN_RESOURCE.get(last);
        } else if (scope == Scope.SPAN) {
            name = WELL_KNOWN_SPAN.get(last);
        }
        return name == null ? null : new Leaf(index, dotted, scope, name);
    }

    /** The owner of the node before {@code end}: the nearest list or group name above it, skipping list wrappers. */
    private static Scope owner(List<String> path, int end) {
        for (int i = end - 1; i >= 0; i--) {
            String node = path.get(i);
            if (node.equals("list") || node.equals("element") || node.equals("DedicatedAttributes")) continue;
            return switch (node) {
                case "Resource" -> Scope.RESOURCE;
                case "Scope" -> Scope.INSTRUMENTATION;
                case "Spans" -> Scope.SPAN;
                case "Events" -> Scope.EVENT;
                case "Links" -> Scope.LINK;
                default -> null;
            };
        }
        return null;
    }

    /** The vector's distinct strings: its dictionary's entries when dictionary-encoded, else its values. */
    static void distinctStrings(ColumnVector vector, Set<String> into) {
        if (vector.isDictionaryEncoded()) {
            MemorySegment store = vector.valueStore();
            MemorySegment offsets = vector.offsetStore();
            for (int d = 0; d < vector.dictionarySize(); d++) {
                long start = offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, d);
                long end = offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, d + 1);
                into.add(text(store.asSlice(start, end - start)));
            }
        } else {
            for (int i = 0; i < vector.valueCount(); i++) into.add(text(vector.getBytes(i)));
        }
    }

    static String text(MemorySegment bytes) {
        return new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
