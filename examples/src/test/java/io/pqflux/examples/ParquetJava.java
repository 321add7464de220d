package io.pqflux.examples;

import io.pqflux.reactive.testkit.ParquetJavaGroups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;

/** parquet-java reading a file, the oracle the examples' output is compared with. */
final class ParquetJava {

    private ParquetJava() {
    }

    /** Every row, as parquet-java reads it. */
    static List<Group> rows(Path file) {
        return ParquetJavaGroups.read(file);
    }

    /** The row count of each row group, from the footer. */
    static List<Long> rowGroupSizes(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getBlocks().stream().map(BlockMetaData::getRowCount).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long rowCount(Path file) {
        return rowGroupSizes(file).stream().mapToLong(Long::longValue).sum();
    }
}
