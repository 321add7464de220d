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

/** {@code inspect --pages/--index/--bloom} as text, below each column chunk. */
final class ChunkDetailsText {

    private ChunkDetailsText() {
    }

    static void render(StringBuilder out, ChunkDetails details, ColumnDescriptor column, String indent) {
        String inner = indent + "  ";
        ValueWriter values = ValueWriter.forColumn(column);
        if (details.parts().contains(ChunkDetails.Part.PAGES)) {
            if (details.pages() == null) {
                out.append(indent).append("page headers: ").append(details.pagesError()).append('\n');
            } else {
                out.append(indent).append("page headers:\n");
                for (ChunkDetails.PageEntry page : details.pages()) page(out, page, inner, values);
            }
        }
        if (details.parts().contains(ChunkDetails.Part.INDEX)) {
            if (details.index() == null) {
                out.append(indent).append("page index: ").append(details.indexError()).append('\n');
            } else {
                columnIndex(out, details.index(), column, indent, values);
                offsetIndex(out, details.index(), indent);
            }
        }
        if (details.parts().contains(ChunkDetails.Part.BLOOM)) bloom(out, details, indent);
    }

    private static void page(StringBuilder out, ChunkDetails.PageEntry page, String indent, ValueWriter values) {
        PageHeader h = page.header();
        out.append(indent).append("offset ").append(page.offset()).append(": ").append(h.type())
                .append(", compressed ").append(h.compressedPageSize()).append(", uncompressed ").append(h.uncompressedPageSize());
        switch (h.type()) {
            case DICTIONARY_PAGE -> {
                DictionaryPageHeader d = h.dictionaryPageHeader();
                out.append(", ").append(d.numValues()).append(" values, encoding ").append(name(d.encoding()));
                if (d.isSorted() != null) out.append(d.isSorted() ? ", sorted" : ", not sorted");
            }
            case DATA_PAGE -> {
                DataPageHeader d = h.dataPageHeader();
                out.append(", ").append(d.numValues()).append(" values, encoding ").append(name(d.encoding()))
                        .append(", definition levels ").append(name(d.definitionLevelEncoding()))
                        .append(", repetition levels ").append(name(d.repetitionLevelEncoding()));
            }
            case DATA_PAGE_V2 -> {
                DataPageHeaderV2 d = h.dataPageHeaderV2();
                out.append(", ").append(d.numValues()).append(" values, ").append(d.numNulls()).append(" nulls, ")
                        .append(d.numRows()).append(" rows, encoding ").append(name(d.encoding()))
                        .append(", levels ").append(d.repetitionLevelsByteLength()).append(" + ")
                        .append(d.definitionLevelsByteLength()).append(" bytes (repetition + definition), values ")
                        .append(d.valuesCompressed() ? "compressed" : "uncompressed");
            }
            case INDEX_PAGE -> { }
        }
        if (h.crc() != null) out.append(String.format(", crc 0x%08x", h.crc()));
        out.append('\n');
        if (page.statistics() != null) InspectText.statistics(out.append(indent).append("  "), page.statistics(), values);
    }

    private static void columnIndex(StringBuilder out, ChunkDetails.PageIndex index, ColumnDescriptor column, String indent,
                                    ValueWriter values) {
        ColumnIndex ci = index.columnIndex();
        if (ci == null) {
            out.append(indent).append("column index: none\n");
            return;
        }
        out.append(indent).append("column index: offset ").append(index.chunk().columnIndexOffset()).append(", ")
                .append(index.chunk().columnIndexLength()).append(" bytes, boundary order ").append(ci.boundaryOrder()).append('\n');
        for (int p = 0; p < ci.nullPages().size(); p++) {
            out.append(indent).append("  page ").append(p).append(':');
            if (ci.nullPages().get(p)) {
                out.append(" null page");
            } else {
                InspectText.bound(out, "min", InspectReport.bound(ci.minValues().get(p).toByteArray(), column), null, values);
                InspectText.bound(out, "max", InspectReport.bound(ci.maxValues().get(p).toByteArray(), column), null, values);
            }
            if (ci.nullCounts() != null) out.append(", null_count ").append(ci.nullCounts().get(p));
            if (ci.nanCounts() != null) out.append(", nan_count ").append(ci.nanCounts().get(p));
            out.append('\n');
        }
    }

    private static void offsetIndex(StringBuilder out, ChunkDetails.PageIndex index, String indent) {
        OffsetIndex oi = index.offsetIndex();
        if (oi == null) {
            out.append(indent).append("offset index: none\n");
            return;
        }
        out.append(indent).append("offset index: offset ").append(index.chunk().offsetIndexOffset()).append(", ")
                .append(index.chunk().offsetIndexLength()).append(" bytes\n");
        for (int p = 0; p < oi.pageLocations().size(); p++) {
            PageLocation page = oi.pageLocations().get(p);
            out.append(indent).append("  page ").append(p).append(": offset ").append(page.offset()).append(", ")
                    .append(page.compressedPageSize()).append(" bytes, first row ").append(page.firstRowIndex()).append('\n');
        }
    }

    private static void bloom(StringBuilder out, ChunkDetails details, String indent) {
        out.append(indent).append("bloom filter: ");
        BloomFilterReader.Location bloom = details.bloom();
        if (details.bloomError() != null) {
            out.append(details.bloomError());
        } else if (bloom == null) {
            out.append("none");
        } else {
            out.append("offset ").append(bloom.offset()).append(", length ")
                    .append(bloom.length() == null ? "not set" : bloom.length() + " bytes").append(", header ")
                    .append(bloom.headerLength()).append(" bytes, bitset ").append(bloom.header().numBytes()).append(" bytes, ")
                    .append(name(bloom.header().algorithm())).append(' ').append(name(bloom.header().hash())).append(' ')
                    .append(name(bloom.header().compression()));
        }
        out.append('\n');
    }

    /** An enum's name, or UNKNOWN for a value this reader does not know. */
    static String name(Enum<?> value) {
        return value == null ? "UNKNOWN" : value.name();
    }
}
