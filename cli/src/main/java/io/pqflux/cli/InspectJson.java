package io.pqflux.cli;

import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.KeyValue;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.GroupNode;
import io.pqflux.schema.SchemaNode;

/** {@code inspect --json}: the report as one JSON object on one line; the shape is documented in docs/cli.md. */
final class InspectJson {

    private InspectJson() {
    }

    static String render(InspectReport report) {
        StringBuilder out = new StringBuilder();
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.member("file", report.file())
                .member("format_version", report.formatVersion())
                .member("created_by", report.createdBy())
                .member("num_rows", report.numRows())
                .member("footer_length", report.footerLength());
        json.key("key_value_metadata");
        json.beginArray();
        for (KeyValue kv : report.keyValueMetadata()) {
            json.beginObject();
            json.member("key", kv.key()).member("value", kv.value());
            json.endObject();
        }
        json.endArray();
        json.key("schema");
        node(json, report.schema());
        json.key("row_groups");
        json.beginArray();
        for (InspectReport.RowGroupReport rowGroup : report.rowGroups()) rowGroup(json, rowGroup);
        json.endArray();
        json.endObject();
        return out.toString();
    }

    private static void node(JsonWriter json, SchemaNode node) {
        json.beginObject();
        json.member("name", node.name());
        json.member("repetition", node.repetition() == null ? null : node.repetition().name());
        switch (node) {
            case ColumnDescriptor c -> {
                json.member("physical_type", c.physicalType().name());
                if (c.physicalType() == PhysicalType.FIXED_LEN_BYTE_ARRAY) json.member("type_length", c.typeLength());
                json.member("logical_type", c.logicalType() == null ? null : c.logicalType().specName());
                json.member("converted_type", c.convertedType() == null ? null : c.convertedType().name());
            }
            case GroupNode g -> {
                json.member("logical_type", g.logicalType() == null ? null : g.logicalType().specName());
                json.member("converted_type", g.convertedType() == null ? null : g.convertedType().name());
                json.key("fields");
                json.beginArray();
                for (SchemaNode child : g.children()) node(json, child);
                json.endArray();
            }
        }
        json.endObject();
    }

    private static void rowGroup(JsonWriter json, InspectReport.RowGroupReport rowGroup) {
        json.beginObject();
        json.member("num_rows", rowGroup.numRows())
                .member("total_byte_size", rowGroup.totalByteSize())
                .member("total_compressed_size", rowGroup.compressedSize());
        json.key("columns");
        json.beginArray();
        for (InspectReport.ChunkReport chunk : rowGroup.columns()) chunk(json, chunk);
        json.endArray();
        json.endObject();
    }

    private static void chunk(JsonWriter json, InspectReport.ChunkReport chunk) {
        json.beginObject();
        json.member("path", chunk.column().dottedPath());
        ColumnMetaData meta = chunk.meta();
        if (meta != null) {
            json.member("codec", meta.codec().name());
            json.key("encodings");
            json.beginArray();
            for (Encoding e : meta.encodings()) json.string(e == null ? "UNKNOWN" : e.name());
            json.endArray();
            json.member("total_compressed_size", meta.totalCompressedSize())
                    .member("total_uncompressed_size", meta.totalUncompressedSize())
                    .member("num_values", meta.numValues());
        }
        if (chunk.pages() != null) {
            json.key("pages");
            json.beginObject();
            json.member("total", chunk.pages().total())
                    .member("dictionary", chunk.pages().dictionary())
                    .member("data", chunk.pages().data())
                    .member("index", chunk.pages().index());
            json.endObject();
        } else {
            json.member("pages_error", chunk.pagesError());
        }
        if (chunk.statistics() != null) statistics(json, chunk.statistics(), ValueWriter.forColumn(chunk.column()));
        if (chunk.details() != null) ChunkDetailsJson.render(json, chunk.details(), chunk.column());
        json.endObject();
    }

    static void statistics(JsonWriter json, InspectReport.StatisticsReport s, ValueWriter values) {
        json.key("statistics");
        json.beginObject();
        if (s.nullCount() != null) json.member("null_count", s.nullCount());
        if (s.distinctCount() != null) json.member("distinct_count", s.distinctCount());
        if (s.nanCount() != null) json.member("nan_count", s.nanCount());
        if (s.min() != null || s.max() != null) json.member("bounds", s.boundsSource());
        bound(json, "min", s.min(), values);
        bound(json, "max", s.max(), values);
        if (s.isMinValueExact() != null) {
            json.key("is_min_value_exact");
            json.bool(s.isMinValueExact());
        }
        if (s.isMaxValueExact() != null) {
            json.key("is_max_value_exact");
            json.bool(s.isMaxValueExact());
        }
        json.endObject();
    }

    /** The decoded value as cat would print it, else the hex string; {@code <name>_format} says which. */
    static void bound(JsonWriter json, String name, InspectReport.Bound bound, ValueWriter values) {
        if (bound == null) return;
        json.key(name);
        if (bound.value() != null) values.write(bound.value(), json);
        else json.string(bound.hex());
        json.member(name + "_format", bound.value() != null ? "value" : "hex");
    }
}
