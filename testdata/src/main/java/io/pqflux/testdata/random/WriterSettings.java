package io.pqflux.testdata.random;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The parquet-java writer switches one generated file uses. Small pages, page row limits and row-group row
 * limits give chunks of many pages and files of several row groups; a small dictionary page size makes
 * dictionaries overflow into the fallback encoding mid-chunk.
 *
 * <p>What parquet-java writes under these switches: v1 pages use PLAIN_DICTIONARY with PLAIN fallback
 * (PLAIN booleans); v2 pages use RLE_DICTIONARY with DELTA_BINARY_PACKED (INT32/INT64), DELTA_BYTE_ARRAY
 * (BINARY/FIXED_LEN_BYTE_ARRAY) and RLE (BOOLEAN) fallbacks; byte-stream-split replaces the fallback for
 * FLOAT/DOUBLE (file switch) and for INT32/INT64/FIXED_LEN_BYTE_ARRAY too (column switch).
 *
 * @param columnCodecs             per-column codecs overriding {@code codec} (dotted paths)
 * @param columnDictionary         per-column dictionary switches overriding {@code dictionary}
 * @param extendedByteStreamSplit  columns whose values use byte-stream-split whatever their type
 * @param pageChecksums            write page CRCs
 * @param bloomFilterColumns       columns with a bloom filter (stored between the column chunks)
 */
public record WriterSettings(WriterVersion version, CompressionCodecName codec,
                             Map<String, CompressionCodecName> columnCodecs, boolean dictionary,
                             Map<String, Boolean> columnDictionary, boolean byteStreamSplit,
                             Set<String> extendedByteStreamSplit, int pageSize, int pageRowCountLimit,
                             int dictionaryPageSize, int rowGroupRowCountLimit, long rowGroupSize,
                             boolean pageChecksums, Set<String> bloomFilterColumns) {

    /**
     * The codecs parquet-java 1.18.1 writes without Hadoop native libraries (LZ4 is the Hadoop-framed
     * kind, through lz4-java). BROTLI and LZO have no codec on Maven Central.
     */
    public static final List<CompressionCodecName> CODECS = List.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW, CompressionCodecName.LZ4);

    private static final Set<PrimitiveTypeName> SPLITTABLE = Set.of(PrimitiveTypeName.INT32, PrimitiveTypeName.INT64,
            PrimitiveTypeName.FLOAT, PrimitiveTypeName.DOUBLE, PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);

    static WriterSettings random(SplittableRandom r, MessageType schema) {
        Map<String, CompressionCodecName> columnCodecs = new TreeMap<>();
        Map<String, Boolean> columnDictionary = new TreeMap<>();
        Set<String> extendedSplit = new TreeSet<>();
        Set<String> bloom = new TreeSet<>();
        boolean mixedCodecs = r.nextInt(4) == 0;
        for (ColumnDescriptor column : schema.getColumns()) {
            String path = String.join(".", column.getPath());
            PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
            if (mixedCodecs) columnCodecs.put(path, anyCodec(r));
            if (r.nextInt(5) == 0) columnDictionary.put(path, r.nextBoolean());
            if (SPLITTABLE.contains(type) && r.nextInt(4) == 0) extendedSplit.add(path);
            if (type != PrimitiveTypeName.BOOLEAN && type != PrimitiveTypeName.INT96 && r.nextInt(6) == 0) bloom.add(path);
        }
        return new WriterSettings(r.nextBoolean() ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0, anyCodec(r),
                columnCodecs, r.nextInt(4) != 0, columnDictionary, r.nextInt(3) == 0, extendedSplit,
                64 << r.nextInt(9), 1 + r.nextInt(r.nextBoolean() ? 20 : 500), 64 << r.nextInt(11),
                1 + r.nextInt(r.nextBoolean() ? 100 : 5000), r.nextBoolean() ? 8 << 10 : 128 << 20,
                r.nextInt(4) == 0, bloom);
    }

    /** One page per chunk and row group per file for small data; no checksums, bloom filters or per-column switches. */
    public static WriterSettings plain(WriterVersion version, CompressionCodecName codec, boolean dictionary) {
        return plain(version, codec, dictionary, 20_000, 20_000);
    }

    /** As {@link #plain(WriterVersion, CompressionCodecName, boolean)}, with pages and row groups of at most so many rows. */
    public static WriterSettings plain(WriterVersion version, CompressionCodecName codec, boolean dictionary,
                                       int pageRows, int rowGroupRows) {
        return new WriterSettings(version, codec, Map.of(), dictionary, Map.of(), false, Set.of(), 1 << 20, pageRows,
                1 << 20, rowGroupRows, 128 << 20, false, Set.of());
    }

    private static CompressionCodecName anyCodec(SplittableRandom r) {
        return CODECS.get(r.nextInt(CODECS.size()));
    }

    ExampleParquetWriter.Builder applyTo(ExampleParquetWriter.Builder builder) {
        builder = builder.withWriterVersion(version).withCompressionCodec(codec).withDictionaryEncoding(dictionary)
                .withByteStreamSplitEncoding(byteStreamSplit).withPageSize(pageSize)
                .withPageRowCountLimit(pageRowCountLimit).withDictionaryPageSize(dictionaryPageSize)
                .withRowGroupRowCountLimit(rowGroupRowCountLimit).withRowGroupSize(rowGroupSize)
                .withMinRowCountForPageSizeCheck(1).withMaxRowCountForPageSizeCheck(16)
                .withPageWriteChecksumEnabled(pageChecksums);
        for (Map.Entry<String, CompressionCodecName> e : columnCodecs.entrySet()) builder = builder.withCompressionCodec(e.getKey(), e.getValue());
        for (Map.Entry<String, Boolean> e : columnDictionary.entrySet()) builder = builder.withDictionaryEncoding(e.getKey(), e.getValue());
        for (String path : extendedByteStreamSplit) builder = builder.withByteStreamSplitEncoding(path, true);
        // Sized for a few distinct values: without an NDV parquet-java writes 1 MiB filters.
        for (String path : bloomFilterColumns) builder = builder.withBloomFilterEnabled(path, true).withBloomFilterNDV(path, 100);
        return builder;
    }
}
