package io.pqflux.cli;

import io.pqflux.error.ParquetException;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.internal.crypto.FileDecryptor;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.KeyValue;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.Statistics;
import io.pqflux.io.InputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.GroupNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What {@code pqflux inspect} shows about a file, gathered once and then printed as text or JSON.
 *
 * @param footerLength length of the serialized footer (FileMetaData) in bytes
 */
record InspectReport(String file, int formatVersion, String createdBy, long numRows, long footerLength,
                     List<KeyValue> keyValueMetadata, GroupNode schema, List<RowGroupReport> rowGroups) {

    /** @param compressedSize the footer's total_compressed_size, or the sum of the chunks' when it has none */
    record RowGroupReport(long numRows, long totalByteSize, long compressedSize, List<ChunkReport> columns) {
    }

    /**
     * @param meta       the chunk's metadata; null when the footer has none for it
     * @param statistics null when the chunk has none
     * @param pages      null when the pages could not be walked; {@code pagesError} says why
     * @param details    page headers, page index and bloom filter as asked for; null when none was
     */
    record ChunkReport(ColumnDescriptor column, ColumnMetaData meta, StatisticsReport statistics,
                       PageCounter.PageCounts pages, String pagesError, ChunkDetails details) {
    }

    /** @param legacyBounds true when min/max come from the deprecated min/max fields, not min_value/max_value */
    record StatisticsReport(Long nullCount, Long distinctCount, Long nanCount, boolean legacyBounds, Bound min,
                            Bound max, Boolean isMinValueExact, Boolean isMaxValueExact) {

        String boundsSource() {
            return legacyBounds ? "min/max" : "min_value/max_value";
        }
    }

    /** A statistics bound: its bytes, and the decoded value or null when it cannot be decoded exactly. */
    record Bound(byte[] bytes, Object value) {

        String hex() {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    /**
     * @param decryptor the decryption of an encrypted file, or null
     * @param parts     the optional chunk details to gather (page headers, page index, bloom filter)
     */
    static InspectReport of(ParquetReader reader, InputFile file, FileDecryptor decryptor, Set<ChunkDetails.Part> parts) {
        FileMetaData meta = reader.metaData();
        List<RowGroupReport> rowGroups = new ArrayList<>();
        for (int g = 0; g < meta.rowGroups().size(); g++) {
            rowGroups.add(rowGroup(reader, file, decryptor, g, parts));
        }
        return new InspectReport(reader.fileName(), meta.version(), meta.createdBy(), meta.numRows(),
                reader.footer().length(), meta.keyValueMetadata() == null ? List.of() : meta.keyValueMetadata(),
                reader.schema().root(), rowGroups);
    }

    private static RowGroupReport rowGroup(ParquetReader reader, InputFile file, FileDecryptor decryptor, int index,
                                           Set<ChunkDetails.Part> parts) {
        RowGroup rowGroup = reader.metaData().rowGroups().get(index);
        List<ChunkReport> chunks = new ArrayList<>();
        long compressedSum = 0;
        for (ColumnDescriptor column : reader.schema().columns()) {
            ColumnChunk chunk = rowGroup.columns().get(column.index());
            ColumnMetaData meta = chunk.metaData();
            // an encrypted chunk whose key is unknown shows why, in place of what cannot be decrypted
            ColumnDecryptor chunkDecryptor = null;
            String keyError = null;
            if (chunk.cryptoMetadata() != null && decryptor != null) {
                try {
                    chunkDecryptor = decryptor.column(rowGroup, index, column.index(), column.dottedPath());
                } catch (ParquetException e) {
                    keyError = e.reason();
                }
            }
            if (meta == null) {
                chunks.add(new ChunkReport(column, null, null, null, keyError != null ? keyError : "no column metadata", null));
                continue;
            }
            compressedSum += meta.totalCompressedSize();
            SourceLocation where = new SourceLocation(reader.fileName(), index, column.dottedPath(), -1);
            PageCounter.PageCounts pages = null;
            String pagesError = keyError;
            if (keyError == null) {
                try {
                    pages = PageCounter.count(file, meta, chunkDecryptor, where);
                } catch (ParquetException e) {
                    // One unreadable chunk should not hide the rest of the file's metadata.
                    pagesError = e.reason();
                }
            }
            ChunkDetails details = parts.isEmpty() ? null
                    : ChunkDetails.of(file, column, chunk, chunkDecryptor, keyError, where, parts);
            chunks.add(new ChunkReport(column, meta, statistics(meta.statistics(), column), pages, pagesError, details));
        }
        long compressed = rowGroup.totalCompressedSize() != null ? rowGroup.totalCompressedSize() : compressedSum;
        return new RowGroupReport(rowGroup.numRows(), rowGroup.totalByteSize(), compressed, chunks);
    }

    /** Prefers min_value/max_value, which follow the column order, over the deprecated signed min/max. */
    static StatisticsReport statistics(Statistics s, ColumnDescriptor column) {
        if (s == null) return null;
        boolean legacy = s.minValue() == null && s.maxValue() == null;
        var min = legacy ? s.min() : s.minValue();
        var max = legacy ? s.max() : s.maxValue();
        return new StatisticsReport(s.nullCount(), s.distinctCount(), s.nanCount(), legacy && (min != null || max != null),
                min == null ? null : bound(min.toByteArray(), column), max == null ? null : bound(max.toByteArray(), column),
                s.isMinValueExact(), s.isMaxValueExact());
    }

    static Bound bound(byte[] bytes, ColumnDescriptor column) {
        return new Bound(bytes, StatisticsValues.decode(bytes, column));
    }
}
