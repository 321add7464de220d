package io.pqflux.tempo.query.internal.tags;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.query.TagValues.TagValue;
import io.pqflux.traceql.internal.Intrinsic;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fast path for a tag stored in one string column of its own: the span name, status message, and the trace's root
 * service and span names. Only that column chunk is read per row group (not the whole trace), and when it is
 * dictionary-encoded its values are the dictionary's entries, as Tempo reads them ({@code searchSpecialTagValues}):
 * the ids are never looked at. Anything else is left to the exact path ({@link BlockTagValues}).
 */
final class ColumnTagValues {

    private ColumnTagValues() {
    }

    /** The leaf holding the tag's values in this schema, or null when the tag has no column of its own here. */
    static String column(TagName tag, MessageSchema schema) {
        Intrinsic intrinsic = tag.intrinsic();
        if (intrinsic == null) return null;
        return switch (intrinsic) {
            case ROOT_SERVICE -> schema.column("RootServiceName").isPresent() ? "RootServiceName" : null;
            case ROOT_NAME -> schema.column("RootSpanName").isPresent() ? "RootSpanName" : null;
            case NAME -> spanLeaf(schema, "Name");
            case STATUS_MESSAGE -> spanLeaf(schema, "StatusMessage");
            default -> null;
        };
    }

    /** The span's own leaf: below the spans list (plain or LIST-annotated), not below its events or links. */
    private static String spanLeaf(MessageSchema schema, String leaf) {
        for (ColumnDescriptor column : schema.columns()) {
            List<String> path = column.path();
            int n = path.size();
            if (!path.get(n - 1).equals(leaf)) continue;
            boolean plain = n >= 2 && path.get(n - 2).equals("Spans");
            boolean annotated = n >= 4 && path.get(n - 4).equals("Spans") && path.get(n - 3).equals("list")
                    && path.get(n - 2).equals("element");
            if (plain || annotated) return String.join(".", path);
        }
        return null;
    }

    /** The distinct values of the reader's one column, every row group. */
    static Set<TagValue> read(ParquetReader reader) {
        Set<String> strings = new TreeSet<>();
        for (int g = 0; g < reader.rowGroupCount(); g++) {
            try (RowGroupBatch batch = reader.readRowGroup(g)) {
                ColumnTagNames.distinctStrings(batch.columns().getFirst(), strings);
            }
        }
        Set<TagValue> values = new TreeSet<>();
        for (String s : strings) values.add(new TagValue("string", s));
        return values;
    }
}
