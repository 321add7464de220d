package io.pqflux.reader;

import java.nio.file.Path;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/** parquet-java's example writer, Hadoop-free, for test fixtures; callers add page, codec and encoding settings. */
final class ParquetJavaWriters {

    private ParquetJavaWriters() {
    }

    static ExampleParquetWriter.Builder builder(Path path, MessageType schema) {
        return ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    }
}
