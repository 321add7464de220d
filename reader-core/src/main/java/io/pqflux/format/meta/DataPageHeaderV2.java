package io.pqflux.format.meta;

/** Header of a V2 data page: levels are stored uncompressed ahead of the (optionally compressed) values. */
public record DataPageHeaderV2(
        int numValues,
        int numNulls,
        int numRows,
        Encoding encoding,
        int definitionLevelsByteLength,
        int repetitionLevelsByteLength,
        Boolean isCompressed,
        Statistics statistics) {

    /** Thrift default: a missing {@code is_compressed} means compressed. */
    public boolean valuesCompressed() {
        return isCompressed == null || isCompressed;
    }
}
