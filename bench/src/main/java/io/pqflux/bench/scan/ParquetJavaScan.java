package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.BytesHash;
import io.pqflux.bench.checksum.Fold;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;

/**
 * Reads every leaf column of a file with parquet-java's lowest public read API — {@link ParquetFileReader} row
 * group by row group, one {@link ColumnReader} per column (levels, then the typed getter) — folding each entry
 * with {@link Fold}. This is parquet-java's fastest general path: no record assembly, no Avro or Group objects.
 */
public final class ParquetJavaScan {

    private ParquetJavaScan() {
    }

    /** Per leaf column, in schema order, the sum of its entries' folds. */
    public static long[] columnSums(Path file) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            GroupConverter converter = new DummyRecordConverter(schema).getRootConverter();
            List<ColumnDescriptor> columns = schema.getColumns();
            long[] sums = new long[columns.size()];
            long[] positions = new long[columns.size()];
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, converter, schema, createdBy);
                for (int c = 0; c < columns.size(); c++) {
                    // the chunk's level entries (ColumnReader's own count is deprecated)
                    long entries = rowGroup.getPageReader(columns.get(c)).getTotalValueCount();
                    sums[c] += fold(store.getColumnReader(columns.get(c)), entries, positions[c]);
                    positions[c] += entries;
                }
            }
            return sums;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " with parquet-java", e);
        }
    }

    public static long checksum(Path file) {
        return Fold.combine(columnSums(file));
    }

    private static long fold(ColumnReader reader, long entries, long firstPosition) {
        ColumnDescriptor column = reader.getDescriptor();
        int maxDefinition = column.getMaxDefinitionLevel();
        boolean repeated = column.getMaxRepetitionLevel() > 0;
        long sum = 0;
        for (long e = 0; e < entries; e++) {
            long position = firstPosition + e;
            int definition = reader.getCurrentDefinitionLevel();
            if (repeated) sum += Fold.mix(Fold.levelsCode(reader.getCurrentRepetitionLevel(), definition), position);
            long code = definition == maxDefinition ? valueCode(reader, column) : Fold.nullCode(definition);
            sum += Fold.mix(code, position);
            reader.consume();
        }
        return sum;
    }

    /** The fold's code of the reader's current value (which must be defined). */
    static long valueCode(ColumnReader reader, ColumnDescriptor column) {
        return switch (column.getPrimitiveType().getPrimitiveTypeName()) {
            case BOOLEAN -> reader.getBoolean() ? 1 : 0;
            case INT32 -> reader.getInteger();
            case INT64 -> reader.getLong();
            case FLOAT -> Float.floatToRawIntBits(reader.getFloat());
            case DOUBLE -> Double.doubleToRawLongBits(reader.getDouble());
            case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> hash(reader.getBinary());
        };
    }

    /** Hashes the binary's bytes where they lie (a dictionary entry or a page slice), copying only if off-heap. */
    private static long hash(Binary binary) {
        ByteBuffer bytes = binary.toByteBuffer();
        if (bytes.hasArray()) return BytesHash.of(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        byte[] copy = binary.getBytesUnsafe();
        return BytesHash.of(copy, 0, copy.length);
    }
}
