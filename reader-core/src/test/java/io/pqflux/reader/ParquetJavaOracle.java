package io.pqflux.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** parquet-java 1.18.1, Hadoop-free, as the value oracle: every record of a file as example {@link Group}s. */
final class ParquetJavaOracle {

    private ParquetJavaOracle() {
    }

    record Result(MessageType schema, List<Group> rows) { }

    static Result read(Path path) throws IOException {
        return read(path, null);
    }

    /** As {@link #read(Path)}, decrypting an encrypted file with {@code decryption} (null: no keys). */
    static Result read(Path path, FileDecryptionProperties decryption) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).withDecryption(decryption).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(schema);
            List<Group> rows = new ArrayList<>();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = columnIO.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) rows.add(records.read());
            }
            return new Result(schema, rows);
        }
    }
}
