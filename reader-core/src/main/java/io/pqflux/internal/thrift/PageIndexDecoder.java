package io.pqflux.internal.thrift;

import static io.pqflux.internal.thrift.CompactReader.*;

import static io.pqflux.internal.thrift.FileMetaDataDecoder.required;

import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.BoundaryOrder;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import java.util.List;

/** Decodes the page index structs: {@code ColumnIndex} and {@code OffsetIndex}. */
public final class PageIndexDecoder {

    private static final byte[] COLUMN_INDEX = {STOP, LIST, LIST, LIST, I32, LIST, LIST, LIST, LIST};
    private static final byte[] OFFSET_INDEX = {STOP, LIST, LIST};
    private static final byte[] PAGE_LOCATION = {STOP, I64, I32, I64};

    private PageIndexDecoder() {
    }

    public static ColumnIndex readColumnIndex(CompactReader r) {
        List<Boolean> nullPages = null;
        List<BinaryValue> mins = null, maxs = null;
        BoundaryOrder order = null;
        List<Long> nullCounts = null, repHist = null, defHist = null, nanCounts = null;
        r.beginStruct();
        while (r.nextField(COLUMN_INDEX)) {
            switch (r.fieldId()) {
                case 1 -> nullPages = r.readList("ColumnIndex.null_pages", BOOLEAN_TRUE,
                        e -> e.elementBoolean("ColumnIndex.null_pages"));
                case 2 -> mins = r.readList("ColumnIndex.min_values", BINARY, e -> BinaryValue.wrap(e.elementBinary()));
                case 3 -> maxs = r.readList("ColumnIndex.max_values", BINARY, e -> BinaryValue.wrap(e.elementBinary()));
                case 4 -> {
                    int id = r.readI32("ColumnIndex.boundary_order");
                    order = BoundaryOrder.fromThriftId(id);
                    if (order == null) throw r.corrupt("ColumnIndex.boundary_order: unknown value " + id);
                }
                case 5 -> nullCounts = r.readList("ColumnIndex.null_counts", I64, CompactReader::elementI64);
                case 6 -> repHist = r.readList("ColumnIndex.repetition_level_histograms", I64, CompactReader::elementI64);
                case 7 -> defHist = r.readList("ColumnIndex.definition_level_histograms", I64, CompactReader::elementI64);
                case 8 -> nanCounts = r.readList("ColumnIndex.nan_counts", I64, CompactReader::elementI64);
            }
        }
        r.endStruct();
        required(r, nullPages, "ColumnIndex.null_pages");
        required(r, mins, "ColumnIndex.min_values");
        required(r, maxs, "ColumnIndex.max_values");
        required(r, order, "ColumnIndex.boundary_order");
        return new ColumnIndex(nullPages, mins, maxs, order, nullCounts, repHist, defHist, nanCounts);
    }

    public static OffsetIndex readOffsetIndex(CompactReader r) {
        List<PageLocation> locations = null;
        List<Long> unencoded = null;
        r.beginStruct();
        while (r.nextField(OFFSET_INDEX)) {
            switch (r.fieldId()) {
                case 1 -> locations = r.readList("OffsetIndex.page_locations", STRUCT, PageIndexDecoder::readPageLocation);
                case 2 -> unencoded = r.readList("OffsetIndex.unencoded_byte_array_data_bytes", I64, CompactReader::elementI64);
            }
        }
        r.endStruct();
        required(r, locations, "OffsetIndex.page_locations");
        return new OffsetIndex(locations, unencoded);
    }

    private static PageLocation readPageLocation(CompactReader r) {
        Long offset = null, firstRow = null;
        Integer size = null;
        r.beginStruct();
        while (r.nextField(PAGE_LOCATION)) {
            switch (r.fieldId()) {
                case 1 -> offset = r.readI64("PageLocation.offset");
                case 2 -> size = r.readI32("PageLocation.compressed_page_size");
                case 3 -> firstRow = r.readI64("PageLocation.first_row_index");
            }
        }
        r.endStruct();
        required(r, offset, "PageLocation.offset");
        required(r, size, "PageLocation.compressed_page_size");
        required(r, firstRow, "PageLocation.first_row_index");
        return new PageLocation(offset, size, firstRow);
    }
}
