package io.pqflux.otap.generator;

import io.pqflux.otap.OtapTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * One table file being written: the exporter's file writer for one table and partition. Its Parquet schema is fixed by
 * the first batch (docs/otap-format.md §7.1); it is written under the staging name {@code <final>#<n>} and renamed when
 * finished, as object_store's local store does (§5.4). Writer settings are arrow-rs's defaults as far as parquet-java
 * has them (§6).
 */
final class TableFile {

    /** A later batch whose columns the file's schema cannot take: the exporter fails the write and stops. */
    static final class IncompatibleBatchException extends IllegalStateException {
        IncompatibleBatchException(String message) {
            super(message);
        }
    }

    private final OtapTable table;
    private final String partition;
    private final Path finalPath;
    private final Path stagingPath;
    private final List<ArrowField> fields;
    private final ParquetWriter<BatchRow> writer;
    private final Set<Long> batchSequences = new HashSet<>();
    private long rows;

    private record BatchRow(TableBatch batch, int row) {
    }

    /**
     * @param partition     the {@code _part_id} the file's rows belong to (also when the layout is not partitioned)
     * @param schemaMetadata the Arrow schema metadata of the first batch ({@code _part_id} on root tables)
     */
    TableFile(OtapTable table, String partition, Path finalPath, Path stagingPath, List<ArrowField> fields,
              Map<String, String> schemaMetadata, ExporterSettings settings) {
        this.table = table;
        this.partition = partition;
        this.finalPath = finalPath;
        this.stagingPath = stagingPath;
        this.fields = List.copyOf(fields);
        MessageType schema = new MessageType("arrow_schema", fields.stream().map(ArrowField::toParquet).toList());
        Map<String, String> keyValue = Map.of("ARROW:schema", ArrowSchemaIpc.base64(fields, schemaMetadata));
        try {
            Files.createDirectories(finalPath.getParent());
            writer = new Builder(new LocalOutputFile(stagingPath), new RowsWriteSupport(schema, this.fields, keyValue))
                    .withConf(new PlainParquetConfiguration())
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .withWriterVersion(WriterVersion.PARQUET_1_0)
                    .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                    .withDictionaryEncoding(settings.dictionary() != ExporterSettings.Dictionary.OFF)
                    .withDictionaryPageSize(settings.dictionary() == ExporterSettings.Dictionary.FALLBACK ? 64 : 1 << 20)
                    .withPageSize(1 << 20)
                    .withPageRowCountLimit(settings.pageRows())
                    .withMinRowCountForPageSizeCheck(1)
                    .withMaxRowCountForPageSizeCheck(Math.min(settings.pageRows(), 1024))
                    .withRowGroupRowCountLimit(settings.rowGroupRows())
                    .withRowGroupSize(Long.MAX_VALUE)
                    .withStatisticsEnabled(true)
                    .withStatisticsTruncateLength(64)
                    .withColumnIndexTruncateLength(64)
                    .withBloomFilterEnabled(false)
                    .withPageWriteChecksumEnabled(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + stagingPath, e);
        }
    }

    OtapTable table() {
        return table;
    }

    String partition() {
        return partition;
    }

    Path finalPath() {
        return finalPath;
    }

    /** The file's field of that name, or {@code null}. */
    ArrowField field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    long rows() {
        return rows;
    }

    /** Whether rows of any of these exporter batches are in this (not yet finished) file. */
    boolean holdsAny(Set<Long> sequences) {
        for (Long sequence : sequences) if (batchSequences.contains(sequence)) return true;
        return false;
    }

    Set<Long> batchSequences() {
        return batchSequences;
    }

    /** Why the file's schema cannot take the batch, or {@code null} when it can. */
    String incompatibility(TableBatch batch) {
        List<Column> columns = batch.columns();
        if (columns.size() != fields.size()) return "column count " + columns.size() + " vs " + fields.size();
        for (int i = 0; i < fields.size(); i++) {
            String problem = incompatibility(fields.get(i), columns.get(i), null);
            if (problem != null) return problem;
        }
        return null;
    }

    private static String incompatibility(ArrowField file, Column column, boolean[] parentValid) {
        if (!file.sameParquetType(column.field())) {
            return "Incompatible type. Field '" + file.name() + "' has type " + file + ", array has type " + column.field();
        }
        int length = column.length();
        boolean[] valid = new boolean[length];
        for (int row = 0; row < length; row++) {
            boolean parent = parentValid == null || parentValid[row];
            valid[row] = parent && (column.field().isStruct() ? column.valid(row) : column.value(row) != null);
            if (parent && !valid[row] && !file.nullable()) {
                return "Field '" + file.name() + "' is not nullable in the file but the batch has nulls";
            }
        }
        if (column.field().isStruct()) {
            for (int i = 0; i < file.children().size(); i++) {
                String problem = incompatibility(file.children().get(i), column.children().get(i), valid);
                if (problem != null) return problem;
            }
        }
        return null;
    }

    void write(TableBatch batch, long sequence) {
        String problem = incompatibility(batch);
        if (problem != null) throw new IncompatibleBatchException(finalPath + ": " + problem);
        try {
            for (int row = 0; row < batch.rows(); row++) writer.write(new BatchRow(batch, row));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + stagingPath, e);
        }
        rows += batch.rows();
        batchSequences.add(sequence);
    }

    /** Closes the file and renames it from its staging name to its final name. */
    void finish() {
        try {
            writer.close();
            Files.move(stagingPath, finalPath, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("finishing " + finalPath, e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<BatchRow, Builder> {
        private final RowsWriteSupport support;

        Builder(OutputFile file, RowsWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @SuppressWarnings("deprecation") // parquet-java still declares the Hadoop overload abstract
        @Override
        protected WriteSupport<BatchRow> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<BatchRow> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Writes a batch row through parquet-java's record consumer, column by column in the file's schema. */
    private static final class RowsWriteSupport extends WriteSupport<BatchRow> {
        private final MessageType schema;
        private final List<ArrowField> fields;
        private final Map<String, String> keyValue;
        private RecordConsumer out;

        RowsWriteSupport(MessageType schema, List<ArrowField> fields, Map<String, String> keyValue) {
            this.schema = schema;
            this.fields = fields;
            this.keyValue = keyValue;
        }

        @SuppressWarnings("deprecation") // parquet-java still declares the Hadoop overload abstract
        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, keyValue);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, keyValue);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(BatchRow row) {
            out.startMessage();
            List<Column> columns = row.batch().columns();
            for (int i = 0; i < fields.size(); i++) field(fields.get(i), columns.get(i).value(row.row()), i);
            out.endMessage();
        }

        private void field(ArrowField field, Object value, int index) {
            if (value == null) return;
            out.startField(field.name(), index);
            value(field, value);
            out.endField(field.name(), index);
        }

        private void value(ArrowField field, Object value) {
            switch (field.type()) {
                case UINT8, UINT16, UINT32, INT32 -> out.addInteger((int) (long) (Long) value);
                case UINT64, INT64, TIMESTAMP_NS, DURATION_NS -> out.addLong((Long) value);
                case FLOAT64 -> out.addDouble((Double) value);
                case BOOL -> out.addBoolean((Boolean) value);
                case UTF8 -> out.addBinary(Binary.fromString((String) value));
                case BINARY, FIXED_8, FIXED_16 -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
                case STRUCT -> {
                    Object[] children = (Object[]) value;
                    out.startGroup();
                    for (int i = 0; i < children.length; i++) field(field.children().get(i), children[i], i);
                    out.endGroup();
                }
                case LIST -> {
                    List<?> items = (List<?>) value;
                    ArrowField item = field.children().getFirst();
                    out.startGroup();
                    if (!items.isEmpty()) {
                        out.startField("list", 0);
                        for (Object element : items) {
                            out.startGroup();
                            field(item, element, 0);
                            out.endGroup();
                        }
                        out.endField("list", 0);
                    }
                    out.endGroup();
                }
            }
        }
    }
}
