package io.pqflux.reactive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * A local file's rows as parquet-java reads them, the oracle of tests here and downstream (the test-jar): through
 * {@code ParquetFileReader} and the example record converter, with a plain configuration (no Hadoop).
 */
public final class ParquetJavaGroups {

    private ParquetJavaGroups() {
    }

    /** Every row. */
    public static List<Group> read(Path file) {
        List<Group> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /** Every row to {@code sink}, one at a time, for files too large to hold as a list. */
    public static void forEach(Path file, Consumer<Group> sink) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
                RecordReader<Group> records = io.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long r = 0; r < rowGroup.getRowCount(); r++) sink.accept(records.read());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " with parquet-java", e);
        }
    }
}
