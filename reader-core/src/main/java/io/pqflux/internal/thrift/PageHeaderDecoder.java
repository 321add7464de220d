package io.pqflux.internal.thrift;

import static io.pqflux.internal.thrift.CompactReader.*;

import static io.pqflux.internal.thrift.FileMetaDataDecoder.required;
import static io.pqflux.internal.thrift.StatisticsDecoder.readStatistics;

import io.pqflux.format.meta.DataPageHeader;
import io.pqflux.format.meta.DataPageHeaderV2;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.IndexPageHeader;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.format.meta.PageType;
import io.pqflux.format.meta.Statistics;

/** Decodes {@code PageHeader} and its type-specific headers. */
public final class PageHeaderDecoder {

    private static final byte[] PAGE_HEADER = {STOP, I32, I32, I32, I32, STRUCT, STRUCT, STRUCT, STRUCT};
    private static final byte[] DATA_PAGE_HEADER = {STOP, I32, I32, I32, I32, STRUCT};
    private static final byte[] DICTIONARY_PAGE_HEADER = {STOP, I32, I32, BOOLEAN_TRUE};
    private static final byte[] DATA_PAGE_HEADER_V2 = {STOP, I32, I32, I32, I32, I32, I32, BOOLEAN_TRUE, STRUCT};

    private PageHeaderDecoder() {
    }

    public static PageHeader read(CompactReader r) {
        PageType type = null;
        Integer uncompressed = null, compressed = null, crc = null;
        DataPageHeader v1 = null;
        IndexPageHeader index = null;
        DictionaryPageHeader dictionary = null;
        DataPageHeaderV2 v2 = null;
        r.beginStruct();
        while (r.nextField(PAGE_HEADER)) {
            switch (r.fieldId()) {
                case 1 -> {
                    int id = r.readI32("PageHeader.type");
                    type = PageType.fromThriftId(id);
                    if (type == null) throw r.corrupt("PageHeader.type: unknown page type " + id);
                }
                case 2 -> uncompressed = r.readI32("PageHeader.uncompressed_page_size");
                case 3 -> compressed = r.readI32("PageHeader.compressed_page_size");
                case 4 -> crc = r.readI32("PageHeader.crc");
                case 5 -> v1 = readDataPageHeader(r);
                case 6 -> {
                    r.skipField();
                    index = new IndexPageHeader();
                }
                case 7 -> dictionary = readDictionaryPageHeader(r);
                case 8 -> v2 = readDataPageHeaderV2(r);
            }
        }
        r.endStruct();
        required(r, type, "PageHeader.type");
        required(r, uncompressed, "PageHeader.uncompressed_page_size");
        required(r, compressed, "PageHeader.compressed_page_size");
        return new PageHeader(type, uncompressed, compressed, crc, v1, index, dictionary, v2);
    }

    private static DataPageHeader readDataPageHeader(CompactReader r) {
        Integer numValues = null, encoding = null, defEncoding = null, repEncoding = null;
        Statistics statistics = null;
        r.beginStruct();
        while (r.nextField(DATA_PAGE_HEADER)) {
            switch (r.fieldId()) {
                case 1 -> numValues = r.readI32("DataPageHeader.num_values");
                case 2 -> encoding = r.readI32("DataPageHeader.encoding");
                case 3 -> defEncoding = r.readI32("DataPageHeader.definition_level_encoding");
                case 4 -> repEncoding = r.readI32("DataPageHeader.repetition_level_encoding");
                case 5 -> statistics = readStatistics(r);
            }
        }
        r.endStruct();
        required(r, numValues, "DataPageHeader.num_values");
        required(r, encoding, "DataPageHeader.encoding");
        required(r, defEncoding, "DataPageHeader.definition_level_encoding");
        required(r, repEncoding, "DataPageHeader.repetition_level_encoding");
        return new DataPageHeader(numValues, Encoding.fromThriftId(encoding), Encoding.fromThriftId(defEncoding),
                Encoding.fromThriftId(repEncoding), statistics);
    }

    private static DictionaryPageHeader readDictionaryPageHeader(CompactReader r) {
        Integer numValues = null, encoding = null;
        Boolean sorted = null;
        r.beginStruct();
        while (r.nextField(DICTIONARY_PAGE_HEADER)) {
            switch (r.fieldId()) {
                case 1 -> numValues = r.readI32("DictionaryPageHeader.num_values");
                case 2 -> encoding = r.readI32("DictionaryPageHeader.encoding");
                case 3 -> sorted = r.fieldBoolean("DictionaryPageHeader.is_sorted");
            }
        }
        r.endStruct();
        required(r, numValues, "DictionaryPageHeader.num_values");
        required(r, encoding, "DictionaryPageHeader.encoding");
        return new DictionaryPageHeader(numValues, Encoding.fromThriftId(encoding), sorted);
    }

    private static DataPageHeaderV2 readDataPageHeaderV2(CompactReader r) {
        Integer numValues = null, numNulls = null, numRows = null, encoding = null, defLength = null, repLength = null;
        Boolean compressed = null;
        Statistics statistics = null;
        r.beginStruct();
        while (r.nextField(DATA_PAGE_HEADER_V2)) {
            switch (r.fieldId()) {
                case 1 -> numValues = r.readI32("DataPageHeaderV2.num_values");
                case 2 -> numNulls = r.readI32("DataPageHeaderV2.num_nulls");
                case 3 -> numRows = r.readI32("DataPageHeaderV2.num_rows");
                case 4 -> encoding = r.readI32("DataPageHeaderV2.encoding");
                case 5 -> defLength = r.readI32("DataPageHeaderV2.definition_levels_byte_length");
                case 6 -> repLength = r.readI32("DataPageHeaderV2.repetition_levels_byte_length");
                case 7 -> compressed = r.fieldBoolean("DataPageHeaderV2.is_compressed");
                case 8 -> statistics = readStatistics(r);
            }
        }
        r.endStruct();
        required(r, numValues, "DataPageHeaderV2.num_values");
        required(r, numNulls, "DataPageHeaderV2.num_nulls");
        required(r, numRows, "DataPageHeaderV2.num_rows");
        required(r, encoding, "DataPageHeaderV2.encoding");
        required(r, defLength, "DataPageHeaderV2.definition_levels_byte_length");
        required(r, repLength, "DataPageHeaderV2.repetition_levels_byte_length");
        return new DataPageHeaderV2(numValues, numNulls, numRows, Encoding.fromThriftId(encoding), defLength, repLength,
                compressed, statistics);
    }
}
