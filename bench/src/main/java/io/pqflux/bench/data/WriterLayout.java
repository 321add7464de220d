package io.pqflux.bench.data;

import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The parquet-java writer settings a generated file is written with.
 *
 * @param rowGroupBytes target row group size (parquet-java's estimate of the buffered, encoded size)
 * @param rowGroupRows  rows per row group at most
 * @param pageBytes     target page size
 * @param sizeStatistics whether column chunks carry {@code SizeStatistics} (unencoded sizes, level histograms)
 */
public record WriterLayout(CompressionCodecName codec, long rowGroupBytes, int rowGroupRows, int pageBytes,
                           WriterVersion version, boolean dictionary, boolean sizeStatistics) {

    /**
     * parquet-java's defaults: 128 MiB row groups, 1 MiB pages, dictionary on, format v1 pages, statistics and size
     * statistics on.
     */
    public static WriterLayout defaults(CompressionCodecName codec) {
        return new WriterLayout(codec, 128L * 1024 * 1024, Integer.MAX_VALUE, 1024 * 1024, WriterVersion.PARQUET_1_0, true, true);
    }

    public WriterLayout withRowGroupBytes(long bytes) {
        return new WriterLayout(codec, bytes, rowGroupRows, pageBytes, version, dictionary, sizeStatistics);
    }

    public WriterLayout withRowGroupRows(int rows) {
        return new WriterLayout(codec, rowGroupBytes, rows, pageBytes, version, dictionary, sizeStatistics);
    }

    public WriterLayout withPageBytes(int bytes) {
        return new WriterLayout(codec, rowGroupBytes, rowGroupRows, bytes, version, dictionary, sizeStatistics);
    }

    public WriterLayout withDictionary(boolean on) {
        return new WriterLayout(codec, rowGroupBytes, rowGroupRows, pageBytes, version, on, sizeStatistics);
    }

    public WriterLayout withVersion(WriterVersion v) {
        return new WriterLayout(codec, rowGroupBytes, rowGroupRows, pageBytes, v, dictionary, sizeStatistics);
    }

    /** No {@code SizeStatistics}, like parquet-go (Tempo's writer), which does not write them. */
    public WriterLayout withoutSizeStatistics() {
        return new WriterLayout(codec, rowGroupBytes, rowGroupRows, pageBytes, version, dictionary, false);
    }
}
