package io.pqflux.cli;

import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.KeyValue;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.GroupNode;
import io.pqflux.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/** {@code inspect} for people: the report as indented text. */
final class InspectText {

    private static final String INDENT = "  ";

    private InspectText() {
    }

    static String render(InspectReport report) {
        StringBuilder out = new StringBuilder();
        out.append("file: ").append(report.file()).append('\n');
        out.append("created_by: ").append(report.createdBy() == null ? "(not set)" : report.createdBy()).append('\n');
        out.append("format_version: ").append(report.formatVersion()).append('\n');
        out.append("num_rows: ").append(report.numRows()).append('\n');
        out.append("footer_length: ").append(report.footerLength()).append(" bytes\n");
        out.append("key_value_metadata:").append(report.keyValueMetadata().isEmpty() ? " (none)\n" : "\n");
        for (KeyValue kv : report.keyValueMetadata()) {
            out.append(INDENT).append(kv.key()).append(" = ").append(kv.value() == null ? "(no value)" : kv.value()).append('\n');
        }
        out.append("schema:\n");
        node(out, report.schema(), 1);
        for (int g = 0; g < report.rowGroups().size(); g++) rowGroup(out, g, report.rowGroups().get(g));
        return out.toString();
    }

    /** One line per node: repetition, type, name, then logical and converted type; groups indent their children. */
    private static void node(StringBuilder out, SchemaNode node, int depth) {
        out.append(INDENT.repeat(depth));
        if (node.repetition() != null) out.append(node.repetition().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        switch (node) {
            case ColumnDescriptor c -> {
                out.append(c.physicalType().name());
                if (c.physicalType() == PhysicalType.FIXED_LEN_BYTE_ARRAY) out.append('(').append(c.typeLength()).append(')');
                out.append(' ').append(c.name());
                annotations(out, c.logicalType() == null ? null : c.logicalType().specName(), c.convertedType());
                out.append('\n');
            }
            case GroupNode g -> {
                out.append(depth == 1 && g.repetition() == null ? "message " : "group ").append(g.name());
                annotations(out, g.logicalType() == null ? null : g.logicalType().specName(), g.convertedType());
                out.append('\n');
                for (SchemaNode child : g.children()) node(out, child, depth + 1);
            }
        }
    }

    private static void annotations(StringBuilder out, String logical, Enum<?> converted) {
        if (logical != null) out.append(" : ").append(logical);
        if (converted != null) out.append(" (converted ").append(converted.name()).append(')');
    }

    private static void rowGroup(StringBuilder out, int index, InspectReport.RowGroupReport rowGroup) {
        out.append("row group ").append(index).append(": ").append(rowGroup.numRows()).append(" rows, total_byte_size ")
                .append(rowGroup.totalByteSize()).append(", compressed ").append(rowGroup.compressedSize()).append('\n');
        for (InspectReport.ChunkReport chunk : rowGroup.columns()) chunk(out, chunk);
    }

    private static void chunk(StringBuilder out, InspectReport.ChunkReport chunk) {
        String indent = INDENT.repeat(2);
        out.append(INDENT).append("column ").append(chunk.column().dottedPath()).append('\n');
        ColumnMetaData meta = chunk.meta();
        if (meta != null) {
            List<String> encodings = new ArrayList<>();
            for (Encoding e : meta.encodings()) encodings.add(e == null ? "UNKNOWN" : e.name());
            out.append(indent).append("codec ").append(meta.codec()).append(", encodings ").append(String.join(" ", encodings))
                    .append('\n');
            out.append(indent).append("compressed ").append(meta.totalCompressedSize()).append(", uncompressed ")
                    .append(meta.totalUncompressedSize()).append(", num_values ").append(meta.numValues()).append('\n');
        }
        out.append(indent);
        if (chunk.pages() != null) {
            PageCounter.PageCounts p = chunk.pages();
            out.append("pages ").append(p.total()).append(": ").append(p.dictionary()).append(" dictionary, ")
                    .append(p.data()).append(" data, ").append(p.index()).append(" index\n");
        } else {
            out.append("pages: ").append(chunk.pagesError()).append('\n');
        }
        if (chunk.statistics() != null) statistics(out.append(indent), chunk.statistics(), ValueWriter.forColumn(chunk.column()));
        if (chunk.details() != null) ChunkDetailsText.render(out, chunk.details(), chunk.column(), indent);
    }

    static void statistics(StringBuilder out, InspectReport.StatisticsReport s, ValueWriter values) {
        out.append("statistics:");
        if (s.nullCount() != null) out.append(" null_count ").append(s.nullCount());
        if (s.distinctCount() != null) out.append(" distinct_count ").append(s.distinctCount());
        if (s.nanCount() != null) out.append(" nan_count ").append(s.nanCount());
        if (s.min() != null || s.max() != null) {
            out.append(" (").append(s.boundsSource()).append(')');
            bound(out, "min", s.min(), s.isMinValueExact(), values);
            bound(out, "max", s.max(), s.isMaxValueExact(), values);
        }
        out.append('\n');
    }

    /** Values print as cat prints them in JSON, so strings are quoted and visibly distinct from hex. */
    static void bound(StringBuilder out, String name, InspectReport.Bound bound, Boolean exact, ValueWriter values) {
        if (bound == null) return;
        out.append(' ').append(name).append(' ');
        if (bound.value() != null) values.write(bound.value(), new JsonWriter(out));
        else out.append(bound.hex());
        if (exact != null) out.append(exact ? " (exact)" : " (inexact)");
    }
}
