package io.pqflux.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes generated records with parquet-java 1.18.1 straight to its record consumer (no Group objects). */
public final class ParquetJavaFiles {

    private ParquetJavaFiles() {
    }

    public static void write(Path path, MessageType schema, WriterLayout layout, long records, RecordSource source) {
        try (ParquetWriter<RecordSource> writer = new Builder(path, schema)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(layout.codec())
                .withRowGroupSize(layout.rowGroupBytes())
                .withPageSize(layout.pageBytes())
                .withDictionaryPageSize(layout.pageBytes())
                .withRowGroupRowCountLimit(layout.rowGroupRows())
                .withWriterVersion(layout.version())
                .withDictionaryEncoding(layout.dictionary())
                .withSizeStatisticsEnabled(layout.sizeStatistics())
                .build()) {
            for (long r = 0; r < records; r++) writer.write(source);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<RecordSource, Builder> {
        private final MessageType schema;

        Builder(Path path, MessageType schema) {
            super(new LocalOutputFile(path));
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @SuppressWarnings("deprecation") // parquet-java still declares the Hadoop overload abstract
        @Override
        protected WriteSupport<RecordSource> getWriteSupport(Configuration conf) {
            return new SourceWriteSupport(schema);
        }

        @Override
        protected WriteSupport<RecordSource> getWriteSupport(ParquetConfiguration conf) {
            return new SourceWriteSupport(schema);
        }
    }

    /** Each {@code write(source)} asks the source for its next record. */
    private static final class SourceWriteSupport extends WriteSupport<RecordSource> {
        private final MessageType schema;
        private RecordConsumer consumer;
        private RecordEmitter emitter;

        SourceWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @SuppressWarnings("deprecation") // parquet-java still declares the Hadoop overload abstract
        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
            emitter = new RecordEmitter(recordConsumer, schema);
        }

        @Override
        public void write(RecordSource source) {
            consumer.startMessage();
            source.writeNext(emitter);
            consumer.endMessage();
        }
    }
}
