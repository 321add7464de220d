package io.pqflux.internal.thrift;

import static io.pqflux.internal.thrift.CompactReader.*;

import static io.pqflux.internal.thrift.StatisticsDecoder.readKeyValues;

import io.pqflux.codec.CompressionCodec;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.BoundingBox;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnCryptoMetaData;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.ColumnOrder;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.EdgeInterpolationAlgorithm;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.EncryptionAlgorithm;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.FileCryptoMetaData;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.GeospatialStatistics;
import io.pqflux.format.meta.KeyValue;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PageEncodingStats;
import io.pqflux.format.meta.PageType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.SchemaElement;
import io.pqflux.format.meta.SizeStatistics;
import io.pqflux.format.meta.SortingColumn;
import io.pqflux.format.meta.Statistics;
import io.pqflux.format.meta.TimeUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Decodes the {@code FileMetaData} struct and everything below it. */
public final class FileMetaDataDecoder {

    private static final byte[] FILE_META_DATA = {STOP, I32, LIST, I64, LIST, LIST, BINARY, LIST, STRUCT, BINARY};
    private static final byte[] ENCRYPTION_WITH_COLUMN_KEY = {STOP, LIST, BINARY};
    private static final byte[] AES_GCM = {STOP, BINARY, BINARY, BOOLEAN_TRUE};
    private static final byte[] FILE_CRYPTO_META_DATA = {STOP, STRUCT, BINARY};
    private static final byte[] SCHEMA_ELEMENT = {STOP, I32, I32, I32, BINARY, I32, I32, I32, I32, I32, STRUCT, I32};
    private static final byte[] DECIMAL_TYPE = {STOP, I32, I32};
    private static final byte[] TIME_TYPE = {STOP, BOOLEAN_TRUE, STRUCT};
    private static final byte[] INT_TYPE = {STOP, BYTE, BOOLEAN_TRUE};
    private static final byte[] VARIANT_TYPE = {STOP, BYTE};
    private static final byte[] GEOMETRY_TYPE = {STOP, BINARY};
    private static final byte[] GEOGRAPHY_TYPE = {STOP, BINARY, I32};
    private static final byte[] ROW_GROUP = {STOP, LIST, I64, I64, LIST, I64, I64, I16};
    private static final byte[] SORTING_COLUMN = {STOP, I32, BOOLEAN_TRUE, BOOLEAN_TRUE};
    private static final byte[] COLUMN_CHUNK = {STOP, BINARY, I64, STRUCT, I64, I32, I64, I32, STRUCT, BINARY};
    private static final byte[] COLUMN_META_DATA = {STOP, I32, LIST, LIST, I32, I64, I64, I64, LIST, I64, I64, I64, STRUCT, LIST, I64, I32, STRUCT, STRUCT};
    private static final byte[] PAGE_ENCODING_STATS = {STOP, I32, I32, I32};
    private static final byte[] SIZE_STATISTICS = {STOP, I64, LIST, LIST};
    private static final byte[] GEOSPATIAL_STATISTICS = {STOP, STRUCT, LIST};
    private static final byte[] BOUNDING_BOX = {STOP, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE};

    private FileMetaDataDecoder() {
    }

    public static FileMetaData read(CompactReader r) {
        Integer version = null;
        List<SchemaElement> schema = null;
        Long numRows = null;
        List<RowGroup> rowGroups = null;
        List<KeyValue> keyValues = null;
        String createdBy = null;
        List<ColumnOrder> columnOrders = null;
        EncryptionAlgorithm encryption = null;
        BinaryValue signingKey = null;
        r.beginStruct();
        while (r.nextField(FILE_META_DATA)) {
            switch (r.fieldId()) {
                case 1 -> version = r.readI32("FileMetaData.version");
                case 2 -> schema = r.readList("FileMetaData.schema", STRUCT, FileMetaDataDecoder::readSchemaElement);
                case 3 -> numRows = r.readI64("FileMetaData.num_rows");
                case 4 -> rowGroups = readRowGroups(r);
                case 5 -> keyValues = readKeyValues(r, "FileMetaData.key_value_metadata");
                case 6 -> createdBy = r.readString("FileMetaData.created_by");
                case 7 -> columnOrders = r.readList("FileMetaData.column_orders", STRUCT, FileMetaDataDecoder::readColumnOrder);
                case 8 -> encryption = readEncryptionAlgorithm(r);
                case 9 -> signingKey = BinaryValue.wrap(r.readBinary("FileMetaData.footer_signing_key_metadata"));
            }
        }
        r.endStruct();
        required(r, version, "FileMetaData.version");
        required(r, schema, "FileMetaData.schema");
        required(r, numRows, "FileMetaData.num_rows");
        required(r, rowGroups, "FileMetaData.row_groups");
        return new FileMetaData(version, schema, numRows, rowGroups, keyValues, createdBy, columnOrders, encryption, signingKey);
    }

    /** Reads a {@code FileCryptoMetaData} struct (the plaintext prefix of an encrypted footer). */
    public static FileCryptoMetaData readFileCryptoMetaData(CompactReader r) {
        EncryptionAlgorithm algorithm = null;
        BinaryValue keyMetadata = null;
        r.beginStruct();
        while (r.nextField(FILE_CRYPTO_META_DATA)) {
            switch (r.fieldId()) {
                case 1 -> algorithm = readEncryptionAlgorithm(r);
                case 2 -> keyMetadata = BinaryValue.wrap(r.readBinary("FileCryptoMetaData.key_metadata"));
            }
        }
        r.endStruct();
        required(r, algorithm, "FileCryptoMetaData.encryption_algorithm");
        return new FileCryptoMetaData(algorithm, keyMetadata);
    }

    /** Reads a {@code ColumnMetaData} struct on its own: an encrypted column's metadata, once decrypted. */
    public static ColumnMetaData readColumnMetaData(CompactReader r) {
        return readColumnMetaData(r, new RepeatedValues(false), 0);
    }

    static void required(CompactReader r, Object value, String field) {
        if (value == null) throw r.corrupt("required field " + field + " is missing");
    }

    private static void requiredBit(CompactReader r, int seen, int bit, String field) {
        if ((seen & bit) == 0) throw r.corrupt("required field " + field + " is missing");
    }

    private static SchemaElement readSchemaElement(CompactReader r) {
        PhysicalType type = null;
        Integer typeLength = null, numChildren = null, scale = null, precision = null, fieldId = null, vectorLength = null;
        FieldRepetitionType repetition = null;
        String name = null;
        ConvertedType converted = null;
        LogicalType logical = null;
        r.beginStruct();
        while (r.nextField(SCHEMA_ELEMENT)) {
            switch (r.fieldId()) {
                case 1 -> {
                    int id = r.readI32("SchemaElement.type");
                    type = PhysicalType.fromThriftId(id);
                    if (type == null) throw r.corrupt("SchemaElement.type: unknown physical type " + id);
                }
                case 2 -> typeLength = r.readI32("SchemaElement.type_length");
                case 3 -> {
                    int id = r.readI32("SchemaElement.repetition_type");
                    repetition = FieldRepetitionType.fromThriftId(id);
                    if (repetition == null) throw new UnsupportedFeatureException("repetition type id " + id);
                }
                case 4 -> name = r.readString("SchemaElement.name");
                case 5 -> numChildren = r.readI32("SchemaElement.num_children");
                case 6 -> converted = ConvertedType.fromThriftId(r.readI32("SchemaElement.converted_type"));
                case 7 -> scale = r.readI32("SchemaElement.scale");
                case 8 -> precision = r.readI32("SchemaElement.precision");
                case 9 -> fieldId = r.readI32("SchemaElement.field_id");
                case 10 -> logical = readLogicalType(r);
                case 11 -> vectorLength = r.readI32("SchemaElement.vector_length");
            }
        }
        r.endStruct();
        required(r, name, "SchemaElement.name");
        return new SchemaElement(type, typeLength, repetition, name, numChildren, converted, scale, precision, fieldId,
                logical, vectorLength);
    }

    private static LogicalType readLogicalType(CompactReader r) {
        if (r.fieldType() != STRUCT) throw r.corrupt("SchemaElement.logicalType: expected a union struct");
        LogicalType result = null;
        r.beginStruct();
        while (r.nextField()) {
            if (r.fieldType() != STRUCT) {
                r.skipField();
                continue;
            }
            int member = r.fieldId();
            result = switch (member) {
                case 1 -> empty(r, new LogicalType.StringType());
                case 2 -> empty(r, new LogicalType.MapType());
                case 3 -> empty(r, new LogicalType.ListType());
                case 4 -> empty(r, new LogicalType.EnumType());
                case 5 -> readDecimal(r);
                case 6 -> empty(r, new LogicalType.DateType());
                case 7 -> {
                    TimeParts t = readTimeParts(r, "TimeType");
                    yield new LogicalType.TimeType(t.adjusted, t.unit);
                }
                case 8 -> {
                    TimeParts t = readTimeParts(r, "TimestampType");
                    yield new LogicalType.TimestampType(t.adjusted, t.unit);
                }
                case 10 -> readIntType(r);
                case 11 -> empty(r, new LogicalType.NullType());
                case 12 -> empty(r, new LogicalType.JsonType());
                case 13 -> empty(r, new LogicalType.BsonType());
                case 14 -> empty(r, new LogicalType.UuidType());
                case 15 -> empty(r, new LogicalType.Float16Type());
                case 16 -> readVariant(r);
                case 17 -> readGeometry(r);
                case 18 -> readGeography(r);
                case 19 -> empty(r, new LogicalType.VectorType());
                default -> empty(r, new LogicalType.Unrecognized(member));
            };
        }
        r.endStruct();
        return result;
    }

    private static LogicalType empty(CompactReader r, LogicalType type) {
        r.skipField();
        return type;
    }

    private static LogicalType readDecimal(CompactReader r) {
        Integer scale = null, precision = null;
        r.beginStruct();
        while (r.nextField(DECIMAL_TYPE)) {
            switch (r.fieldId()) {
                case 1 -> scale = r.readI32("DecimalType.scale");
                case 2 -> precision = r.readI32("DecimalType.precision");
            }
        }
        r.endStruct();
        required(r, scale, "DecimalType.scale");
        required(r, precision, "DecimalType.precision");
        return new LogicalType.DecimalType(scale, precision);
    }

    private record TimeParts(boolean adjusted, TimeUnit unit) { }

    private static TimeParts readTimeParts(CompactReader r, String struct) {
        Boolean adjusted = null;
        TimeUnit unit = null;
        r.beginStruct();
        while (r.nextField(TIME_TYPE)) {
            switch (r.fieldId()) {
                case 1 -> adjusted = r.fieldBoolean(struct + ".isAdjustedToUTC");
                case 2 -> unit = readTimeUnit(r, struct + ".unit");
            }
        }
        r.endStruct();
        required(r, adjusted, struct + ".isAdjustedToUTC");
        required(r, unit, struct + ".unit");
        return new TimeParts(adjusted, unit);
    }

    private static TimeUnit readTimeUnit(CompactReader r, String field) {
        if (r.fieldType() != STRUCT) throw r.corrupt(field + ": expected a union struct");
        TimeUnit unit = null;
        r.beginStruct();
        while (r.nextField()) {
            TimeUnit member = switch (r.fieldId()) {
                case 1 -> TimeUnit.MILLIS;
                case 2 -> TimeUnit.MICROS;
                case 3 -> TimeUnit.NANOS;
                default -> null;
            };
            r.skipField();
            if (member != null) unit = member;
        }
        r.endStruct();
        if (unit == null) throw new UnsupportedFeatureException(field + ": unknown time unit");
        return unit;
    }

    private static LogicalType readIntType(CompactReader r) {
        Integer bitWidth = null;
        Boolean signed = null;
        r.beginStruct();
        while (r.nextField(INT_TYPE)) {
            switch (r.fieldId()) {
                case 1 -> bitWidth = (int) r.readByte("IntType.bitWidth");
                case 2 -> signed = r.fieldBoolean("IntType.isSigned");
            }
        }
        r.endStruct();
        required(r, bitWidth, "IntType.bitWidth");
        required(r, signed, "IntType.isSigned");
        return new LogicalType.IntType(bitWidth, signed);
    }

    private static LogicalType readVariant(CompactReader r) {
        Integer version = null;
        r.beginStruct();
        while (r.nextField(VARIANT_TYPE)) {
            if (r.fieldId() == 1) version = (int) r.readByte("VariantType.specification_version");
            else r.skipField();
        }
        r.endStruct();
        return new LogicalType.VariantType(version);
    }

    private static LogicalType readGeometry(CompactReader r) {
        String crs = null;
        r.beginStruct();
        while (r.nextField(GEOMETRY_TYPE)) {
            if (r.fieldId() == 1) crs = r.readString("GeometryType.crs");
            else r.skipField();
        }
        r.endStruct();
        return new LogicalType.GeometryType(crs);
    }

    private static LogicalType readGeography(CompactReader r) {
        String crs = null;
        EdgeInterpolationAlgorithm algorithm = null;
        r.beginStruct();
        while (r.nextField(GEOGRAPHY_TYPE)) {
            switch (r.fieldId()) {
                case 1 -> crs = r.readString("GeographyType.crs");
                case 2 -> algorithm = EdgeInterpolationAlgorithm.fromThriftId(r.readI32("GeographyType.algorithm"));
            }
        }
        r.endStruct();
        return new LogicalType.GeographyType(crs, algorithm);
    }

    /**
     * The values of one footer that its column chunks repeat from row group to row group: paths always, encodings
     * and page encoding stats almost always, statistics of the columns that are null or constant in every row group.
     */
    private record RepeatedValues(
            RepeatedColumnValues<List<String>> paths,
            RepeatedColumnValues<List<Encoding>> encodings,
            RepeatedColumnValues<List<PageEncodingStats>> encodingStats,
            RepeatedColumnValues<Statistics> statistics) {

        RepeatedValues(boolean remember) {
            this(new RepeatedColumnValues<>(FileMetaDataDecoder::readPath, remember),
                    new RepeatedColumnValues<>(FileMetaDataDecoder::readEncodings, remember),
                    new RepeatedColumnValues<>(FileMetaDataDecoder::readEncodingStatsList, remember),
                    new RepeatedColumnValues<>(StatisticsDecoder::readStatistics, remember));
        }

        void reserve(int columns) {
            paths.reserve(columns);
            encodings.reserve(columns);
            encodingStats.reserve(columns);
            statistics.reserve(columns);
        }
    }

    private static List<RowGroup> readRowGroups(CompactReader r) {
        int n = r.beginList("FileMetaData.row_groups", STRUCT);
        RepeatedValues repeated = new RepeatedValues(n > 1);
        List<RowGroup> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readRowGroup(r, repeated));
        return Collections.unmodifiableList(list);
    }

    private static RowGroup readRowGroup(CompactReader r, RepeatedValues repeated) {
        List<ColumnChunk> columns = null;
        Long totalByteSize = null, numRows = null, fileOffset = null, totalCompressed = null;
        List<SortingColumn> sorting = null;
        Short ordinal = null;
        r.beginStruct();
        while (r.nextField(ROW_GROUP)) {
            switch (r.fieldId()) {
                case 1 -> columns = readColumnChunks(r, repeated);
                case 2 -> totalByteSize = r.readI64("RowGroup.total_byte_size");
                case 3 -> numRows = r.readI64("RowGroup.num_rows");
                case 4 -> sorting = r.readList("RowGroup.sorting_columns", STRUCT, FileMetaDataDecoder::readSortingColumn);
                case 5 -> fileOffset = r.readI64("RowGroup.file_offset");
                case 6 -> totalCompressed = r.readI64("RowGroup.total_compressed_size");
                case 7 -> ordinal = r.readI16("RowGroup.ordinal");
            }
        }
        r.endStruct();
        required(r, columns, "RowGroup.columns");
        required(r, totalByteSize, "RowGroup.total_byte_size");
        required(r, numRows, "RowGroup.num_rows");
        return new RowGroup(columns, totalByteSize, numRows, sorting, fileOffset, totalCompressed, ordinal);
    }

    private static SortingColumn readSortingColumn(CompactReader r) {
        Integer columnIdx = null;
        Boolean descending = null, nullsFirst = null;
        r.beginStruct();
        while (r.nextField(SORTING_COLUMN)) {
            switch (r.fieldId()) {
                case 1 -> columnIdx = r.readI32("SortingColumn.column_idx");
                case 2 -> descending = r.fieldBoolean("SortingColumn.descending");
                case 3 -> nullsFirst = r.fieldBoolean("SortingColumn.nulls_first");
            }
        }
        r.endStruct();
        required(r, columnIdx, "SortingColumn.column_idx");
        required(r, descending, "SortingColumn.descending");
        required(r, nullsFirst, "SortingColumn.nulls_first");
        return new SortingColumn(columnIdx, descending, nullsFirst);
    }

    private static List<ColumnChunk> readColumnChunks(CompactReader r, RepeatedValues repeated) {
        int n = r.beginList("RowGroup.columns", STRUCT);
        repeated.reserve(n);
        List<ColumnChunk> list = new ArrayList<>(n);
        for (int column = 0; column < n; column++) list.add(readColumnChunk(r, repeated, column));
        return Collections.unmodifiableList(list);
    }

    private static ColumnChunk readColumnChunk(CompactReader r, RepeatedValues repeated, int column) {
        String filePath = null;
        Long fileOffset = null, offsetIndexOffset = null, columnIndexOffset = null;
        Integer offsetIndexLength = null, columnIndexLength = null;
        ColumnMetaData meta = null;
        ColumnCryptoMetaData crypto = null;
        BinaryValue encryptedMeta = null;
        r.beginStruct();
        while (r.nextField(COLUMN_CHUNK)) {
            switch (r.fieldId()) {
                case 1 -> filePath = r.readString("ColumnChunk.file_path");
                case 2 -> fileOffset = r.readI64("ColumnChunk.file_offset");
                case 3 -> meta = readColumnMetaData(r, repeated, column);
                case 4 -> offsetIndexOffset = r.readI64("ColumnChunk.offset_index_offset");
                case 5 -> offsetIndexLength = r.readI32("ColumnChunk.offset_index_length");
                case 6 -> columnIndexOffset = r.readI64("ColumnChunk.column_index_offset");
                case 7 -> columnIndexLength = r.readI32("ColumnChunk.column_index_length");
                case 8 -> crypto = readColumnCrypto(r);
                case 9 -> encryptedMeta = BinaryValue.wrap(r.readBinary("ColumnChunk.encrypted_column_metadata"));
            }
        }
        r.endStruct();
        // file_offset is required in the IDL but has a default of 0; some writers omit it.
        return new ColumnChunk(filePath, fileOffset == null ? 0 : fileOffset, meta, offsetIndexOffset, offsetIndexLength,
                columnIndexOffset, columnIndexLength, crypto, encryptedMeta);
    }

    private static ColumnCryptoMetaData readColumnCrypto(CompactReader r) {
        if (r.fieldType() != STRUCT) throw r.corrupt("ColumnChunk.crypto_metadata: expected a union struct");
        ColumnCryptoMetaData result = null;
        r.beginStruct();
        while (r.nextField()) {
            if (r.fieldId() == 1 && r.fieldType() == STRUCT) {
                r.skipField();
                result = new ColumnCryptoMetaData.EncryptionWithFooterKey();
            } else if (r.fieldId() == 2 && r.fieldType() == STRUCT) {
                List<String> path = null;
                BinaryValue keyMetadata = null;
                r.beginStruct();
                while (r.nextField(ENCRYPTION_WITH_COLUMN_KEY)) {
                    switch (r.fieldId()) {
                        case 1 -> path = r.readList("EncryptionWithColumnKey.path_in_schema", BINARY, CompactReader::elementString);
                        case 2 -> keyMetadata = BinaryValue.wrap(r.readBinary("EncryptionWithColumnKey.key_metadata"));
                    }
                }
                r.endStruct();
                required(r, path, "EncryptionWithColumnKey.path_in_schema");
                result = new ColumnCryptoMetaData.EncryptionWithColumnKey(path, keyMetadata);
            } else {
                r.skipField();
            }
        }
        r.endStruct();
        return result;
    }

    private static ColumnMetaData readColumnMetaData(CompactReader r, RepeatedValues repeated, int column) {
        PhysicalType type = null;
        List<Encoding> encodings = null;
        List<String> path = null;
        CompressionCodec codec = null;
        // the required counts and offsets stay primitive, with a bit each saying they were seen: a footer holds
        // one of these per column chunk, and boxing them was a large share of parsing time
        long numValues = 0, totalUncompressed = 0, totalCompressed = 0, dataPageOffset = 0;
        int seen = 0;
        Long indexPageOffset = null, dictionaryPageOffset = null, bloomOffset = null;
        Integer bloomLength = null;
        List<KeyValue> keyValues = null;
        Statistics statistics = null;
        List<PageEncodingStats> encodingStats = null;
        SizeStatistics sizeStatistics = null;
        GeospatialStatistics geoStatistics = null;
        r.beginStruct();
        while (r.nextField(COLUMN_META_DATA)) {
            switch (r.fieldId()) {
                case 1 -> {
                    int id = r.readI32("ColumnMetaData.type");
                    type = PhysicalType.fromThriftId(id);
                    if (type == null) throw r.corrupt("ColumnMetaData.type: unknown physical type " + id);
                }
                case 2 -> encodings = repeated.encodings().read(r, column);
                case 3 -> path = repeated.paths().read(r, column);
                case 4 -> codec = CompressionCodec.fromThriftId(r.readI32("ColumnMetaData.codec"));
                case 5 -> { numValues = r.readI64("ColumnMetaData.num_values"); seen |= 1; }
                case 6 -> { totalUncompressed = r.readI64("ColumnMetaData.total_uncompressed_size"); seen |= 2; }
                case 7 -> { totalCompressed = r.readI64("ColumnMetaData.total_compressed_size"); seen |= 4; }
                case 8 -> keyValues = readKeyValues(r, "ColumnMetaData.key_value_metadata");
                case 9 -> { dataPageOffset = r.readI64("ColumnMetaData.data_page_offset"); seen |= 8; }
                case 10 -> indexPageOffset = r.readI64("ColumnMetaData.index_page_offset");
                case 11 -> dictionaryPageOffset = r.readI64("ColumnMetaData.dictionary_page_offset");
                case 12 -> statistics = repeated.statistics().read(r, column);
                case 13 -> encodingStats = repeated.encodingStats().read(r, column);
                case 14 -> bloomOffset = r.readI64("ColumnMetaData.bloom_filter_offset");
                case 15 -> bloomLength = r.readI32("ColumnMetaData.bloom_filter_length");
                case 16 -> sizeStatistics = readSizeStatistics(r);
                case 17 -> geoStatistics = readGeospatialStatistics(r);
            }
        }
        r.endStruct();
        required(r, type, "ColumnMetaData.type");
        required(r, encodings, "ColumnMetaData.encodings");
        required(r, path, "ColumnMetaData.path_in_schema");
        required(r, codec, "ColumnMetaData.codec");
        requiredBit(r, seen, 1, "ColumnMetaData.num_values");
        requiredBit(r, seen, 2, "ColumnMetaData.total_uncompressed_size");
        requiredBit(r, seen, 4, "ColumnMetaData.total_compressed_size");
        requiredBit(r, seen, 8, "ColumnMetaData.data_page_offset");
        return new ColumnMetaData(type, encodings, path, codec, numValues, totalUncompressed, totalCompressed, keyValues,
                dataPageOffset, indexPageOffset, dictionaryPageOffset, statistics, encodingStats, bloomOffset, bloomLength,
                sizeStatistics, geoStatistics);
    }

    private static List<String> readPath(CompactReader r) {
        return r.readList("ColumnMetaData.path_in_schema", BINARY, CompactReader::elementString);
    }

    private static List<PageEncodingStats> readEncodingStatsList(CompactReader r) {
        return r.readList("ColumnMetaData.encoding_stats", STRUCT, FileMetaDataDecoder::readEncodingStats);
    }

    /** Encodings this reader does not know are left out of the list; pages using them fail when decoded. */
    private static List<Encoding> readEncodings(CompactReader r) {
        int n = r.beginList("ColumnMetaData.encodings", I32);
        List<Encoding> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Encoding e = Encoding.fromThriftId(r.elementI32());
            if (e != null) list.add(e);
        }
        return Collections.unmodifiableList(list);
    }

    private static PageEncodingStats readEncodingStats(CompactReader r) {
        PageType pageType = null;
        Encoding encoding = null;
        int count = 0;
        boolean hasCount = false;
        r.beginStruct();
        while (r.nextField(PAGE_ENCODING_STATS)) {
            switch (r.fieldId()) {
                case 1 -> pageType = PageType.fromThriftId(r.readI32("PageEncodingStats.page_type"));
                case 2 -> encoding = Encoding.fromThriftId(r.readI32("PageEncodingStats.encoding"));
                case 3 -> {
                    count = r.readI32("PageEncodingStats.count");
                    hasCount = true;
                }
            }
        }
        r.endStruct();
        required(r, pageType, "PageEncodingStats.page_type");
        required(r, encoding, "PageEncodingStats.encoding");
        if (!hasCount) throw r.corrupt("required field PageEncodingStats.count is missing");
        return new PageEncodingStats(pageType, encoding, count);
    }

    private static SizeStatistics readSizeStatistics(CompactReader r) {
        Long unencoded = null;
        List<Long> repetition = null, definition = null;
        r.beginStruct();
        while (r.nextField(SIZE_STATISTICS)) {
            switch (r.fieldId()) {
                case 1 -> unencoded = r.readI64("SizeStatistics.unencoded_byte_array_data_bytes");
                case 2 -> repetition = r.readList("SizeStatistics.repetition_level_histogram", I64, CompactReader::elementI64);
                case 3 -> definition = r.readList("SizeStatistics.definition_level_histogram", I64, CompactReader::elementI64);
            }
        }
        r.endStruct();
        return new SizeStatistics(unencoded, repetition, definition);
    }

    private static GeospatialStatistics readGeospatialStatistics(CompactReader r) {
        BoundingBox bbox = null;
        List<Integer> types = null;
        r.beginStruct();
        while (r.nextField(GEOSPATIAL_STATISTICS)) {
            switch (r.fieldId()) {
                case 1 -> bbox = readBoundingBox(r);
                case 2 -> types = r.readList("GeospatialStatistics.geospatial_types", I32, CompactReader::elementI32);
            }
        }
        r.endStruct();
        return new GeospatialStatistics(bbox, types);
    }

    private static BoundingBox readBoundingBox(CompactReader r) {
        Double[] v = new Double[8];
        r.beginStruct();
        while (r.nextField(BOUNDING_BOX)) {
            int id = r.fieldId();
            if (id >= 1 && id <= 8) v[id - 1] = r.readDouble("BoundingBox field " + id);
            else r.skipField();
        }
        r.endStruct();
        for (int i = 0; i < 4; i++) required(r, v[i], "BoundingBox field " + (i + 1));
        return new BoundingBox(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    private static ColumnOrder readColumnOrder(CompactReader r) {
        ColumnOrder order = ColumnOrder.UNKNOWN;
        r.beginStruct();
        while (r.nextField()) {
            order = switch (r.fieldId()) {
                case 1 -> ColumnOrder.TYPE_ORDER;
                case 2 -> ColumnOrder.IEEE_754_TOTAL_ORDER;
                case 3 -> ColumnOrder.INT96_TIMESTAMP_ORDER;
                default -> ColumnOrder.UNKNOWN;
            };
            r.skipField();
        }
        r.endStruct();
        return order;
    }

    private static EncryptionAlgorithm readEncryptionAlgorithm(CompactReader r) {
        EncryptionAlgorithm result = null;
        r.beginStruct();
        while (r.nextField()) {
            EncryptionAlgorithm.Mode mode = switch (r.fieldId()) {
                case 1 -> EncryptionAlgorithm.Mode.AES_GCM_V1;
                case 2 -> EncryptionAlgorithm.Mode.AES_GCM_CTR_V1;
                default -> null;
            };
            if (mode == null || r.fieldType() != STRUCT) {
                r.skipField();
                continue;
            }
            BinaryValue prefix = null, unique = null;
            Boolean supply = null;
            r.beginStruct();
            while (r.nextField(AES_GCM)) {
                switch (r.fieldId()) {
                    case 1 -> prefix = BinaryValue.wrap(r.readBinary("aad_prefix"));
                    case 2 -> unique = BinaryValue.wrap(r.readBinary("aad_file_unique"));
                    case 3 -> supply = r.fieldBoolean("supply_aad_prefix");
                }
            }
            r.endStruct();
            result = new EncryptionAlgorithm(mode, prefix, unique, supply);
        }
        r.endStruct();
        return result;
    }
}
