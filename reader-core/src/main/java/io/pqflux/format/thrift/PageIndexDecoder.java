package io.pqflux.format.thrift;

import static io.pqflux.format.thrift.CompactReader.*;

import static io.pqflux.format.thrift.FileMetaDataDecoder.readList;
import static io.pqflux.format.thrift.FileMetaDataDecoder.required;
import static io.pqflux.format.thrift.StatisticsDecoder.readBinaryList;
import static io.pqflux.format.thrift.StatisticsDecoder.readI64List;

import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.BoundaryOrder;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import java.util.ArrayList;
import java.util.Collections;
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
                case 1 -> {
                    int n = r.beginList("ColumnIndex.null_pages", CompactReader.BOOLEAN_TRUE);
                    List<Boolean> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) list.add(r.elementBoolean("ColumnIndex.null_pages"));
                    nullPages = Collections.unmodifiableList(list);
                }
                case 2 -> mins = readBinaryList(r, "ColumnIndex.min_values");
                case 3 -> maxs = readBinaryList(r, "ColumnIndex.max_values");
                case 4 -> {
                    int id = r.readI32("ColumnIndex.boundary_order");
                    order = BoundaryOrder.fromThriftId(id);
                    if (order == null) throw r.corrupt("ColumnIndex.boundary_order: unknown value " + id);
                }
                case 5 -> nullCounts = readI64List(r, "ColumnIndex.null_counts");
                case 6 -> repHist = readI64List(r, "ColumnIndex.repetition_level_histograms");
                case 7 -> defHist = readI64List(r, "ColumnIndex.definition_level_histograms");
                case 8 -> nanCounts = readI64List(r, "ColumnIndex.nan_counts");
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
                case 1 -> locations = readList(r, "OffsetIndex.page_locations", PageIndexDecoder::readPageLocation);
                case 2 -> unencoded = readI64List(r, "OffsetIndex.unencoded_byte_array_data_bytes");
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
