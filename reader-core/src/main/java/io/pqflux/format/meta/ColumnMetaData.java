package io.pqflux.format.meta;

import io.pqflux.codec.CompressionCodec;
import java.util.List;

/** Metadata of one column chunk; nullable components are optional Thrift fields. */
public record ColumnMetaData(
        PhysicalType type,
        List<Encoding> encodings,
        List<String> pathInSchema,
        CompressionCodec codec,
        long numValues,
        long totalUncompressedSize,
        long totalCompressedSize,
        List<KeyValue> keyValueMetadata,
        long dataPageOffset,
        Long indexPageOffset,
        Long dictionaryPageOffset,
        Statistics statistics,
        List<PageEncodingStats> encodingStats,
        Long bloomFilterOffset,
        Integer bloomFilterLength,
        SizeStatistics sizeStatistics,
        GeospatialStatistics geospatialStatistics) {

    /**
     * Where the chunk's pages start: at its dictionary page when it has one. Some writers store 0 (or an
     * offset past the first data page) when there is none; only an offset before the data pages counts.
     */
    public long chunkStart() {
        if (dictionaryPageOffset != null && dictionaryPageOffset > 0 && dictionaryPageOffset < dataPageOffset) {
            return dictionaryPageOffset;
        }
        return dataPageOffset;
    }
}
