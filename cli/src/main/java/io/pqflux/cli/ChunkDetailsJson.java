package io.pqflux.cli;

import io.pqflux.internal.bloom.BloomFilterReader;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.DataPageHeader;
import io.pqflux.format.meta.DataPageHeaderV2;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.schema.ColumnDescriptor;

/** {@code inspect --json --pages/--index/--bloom}: members of each column chunk object (shapes in docs/cli.md). */
final class ChunkDetailsJson {

    private ChunkDetailsJson() {
    }

    static void render(JsonWriter json, ChunkDetails details, ColumnDescriptor column) {
        ValueWriter values = ValueWriter.forColumn(column);
        if (details.parts().contains(ChunkDetails.Part.PAGES)) {
            if (details.pages() == null) {
                json.member("page_headers_error", details.pagesError());
            } else {
                json.key("page_headers");
                json.beginArray();
                for (ChunkDetails.PageEntry page : details.pages()) page(json, page, values);
                json.endArray();
            }
        }
        if (details.parts().contains(ChunkDetails.Part.INDEX)) {
            if (details.index() == null) {
                json.member("page_index_error", details.indexError());
            } else {
                columnIndex(json, details.index(), column, values);
                offsetIndex(json, details.index());
            }
        }
        if (details.parts().contains(ChunkDetails.Part.BLOOM)) {
            if (details.bloomError() != null) json.member("bloom_filter_error", details.bloomError());
            else bloom(json, details.bloom());
        }
    }

    private static void page(JsonWriter json, ChunkDetails.PageEntry page, ValueWriter values) {
        PageHeader h = page.header();
        json.beginObject();
        json.member("offset", page.offset()).member("type", h.type().name())
                .member("compressed_page_size", h.compressedPageSize())
                .member("uncompressed_page_size", h.uncompressedPageSize());
        if (h.crc() != null) json.member("crc", Integer.toUnsignedLong(h.crc()));
        switch (h.type()) {
            case DICTIONARY_PAGE -> {
                DictionaryPageHeader d = h.dictionaryPageHeader();
                json.member("num_values", d.numValues()).member("encoding", ChunkDetailsText.name(d.encoding()));
                if (d.isSorted() != null) {
                    json.key("is_sorted");
                    json.bool(d.isSorted());
                }
            }
            case DATA_PAGE -> {
                DataPageHeader d = h.dataPageHeader();
                json.member("num_values", d.numValues()).member("encoding", ChunkDetailsText.name(d.encoding()))
                        .member("definition_level_encoding", ChunkDetailsText.name(d.definitionLevelEncoding()))
                        .member("repetition_level_encoding", ChunkDetailsText.name(d.repetitionLevelEncoding()));
            }
            case DATA_PAGE_V2 -> {
                DataPageHeaderV2 d = h.dataPageHeaderV2();
                json.member("num_values", d.numValues()).member("num_nulls", d.numNulls()).member("num_rows", d.numRows())
                        .member("encoding", ChunkDetailsText.name(d.encoding()))
                        .member("definition_levels_byte_length", d.definitionLevelsByteLength())
                        .member("repetition_levels_byte_length", d.repetitionLevelsByteLength());
                json.key("is_compressed");
                json.bool(d.valuesCompressed());
            }
            case INDEX_PAGE -> { }
        }
        if (page.statistics() != null) InspectJson.statistics(json, page.statistics(), values);
        json.endObject();
    }

    private static void columnIndex(JsonWriter json, ChunkDetails.PageIndex index, ColumnDescriptor column, ValueWriter values) {
        json.key("column_index");
        ColumnIndex ci = index.columnIndex();
        if (ci == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.member("offset", index.chunk().columnIndexOffset()).member("length", index.chunk().columnIndexLength())
                .member("boundary_order", ci.boundaryOrder().name());
        json.key("pages");
        json.beginArray();
        for (int p = 0; p < ci.nullPages().size(); p++) {
            json.beginObject();
            json.key("null_page");
            json.bool(ci.nullPages().get(p));
            if (!ci.nullPages().get(p)) {
                InspectJson.bound(json, "min", InspectReport.bound(ci.minValues().get(p).toByteArray(), column), values);
                InspectJson.bound(json, "max", InspectReport.bound(ci.maxValues().get(p).toByteArray(), column), values);
            }
            if (ci.nullCounts() != null) json.member("null_count", ci.nullCounts().get(p));
            if (ci.nanCounts() != null) json.member("nan_count", ci.nanCounts().get(p));
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void offsetIndex(JsonWriter json, ChunkDetails.PageIndex index) {
        json.key("offset_index");
        OffsetIndex oi = index.offsetIndex();
        if (oi == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.member("offset", index.chunk().offsetIndexOffset()).member("length", index.chunk().offsetIndexLength());
        json.key("pages");
        json.beginArray();
        for (PageLocation page : oi.pageLocations()) {
            json.beginObject();
            json.member("offset", page.offset()).member("compressed_page_size", page.compressedPageSize())
                    .member("first_row_index", page.firstRowIndex());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void bloom(JsonWriter json, BloomFilterReader.Location bloom) {
        json.key("bloom_filter");
        if (bloom == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.member("offset", bloom.offset());
        json.key("length");
        if (bloom.length() == null) json.nullValue();
        else json.number(bloom.length().toString());
        json.member("header_length", bloom.headerLength()).member("num_bytes", bloom.header().numBytes())
                .member("algorithm", ChunkDetailsText.name(bloom.header().algorithm()))
                .member("hash", ChunkDetailsText.name(bloom.header().hash()))
                .member("compression", ChunkDetailsText.name(bloom.header().compression()));
        json.endObject();
    }
}
