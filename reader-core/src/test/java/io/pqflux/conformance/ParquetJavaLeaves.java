package io.pqflux.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java 1.18.1's low-level column readers as the leaf oracle: levels and values of every leaf of
 * every row group, without record assembly.
 */
final class ParquetJavaLeaves {

    private ParquetJavaLeaves() {
    }

    /** Row groups in order, each with its leaves in schema order. */
    static List<List<LeafColumn>> read(Path path) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<List<LeafColumn>> rowGroups = new ArrayList<>();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                        new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
                List<LeafColumn> leaves = new ArrayList<>();
                for (ColumnDescriptor column : schema.getColumns()) {
                    leaves.add(LeafColumn.of(store.getColumnReader(column), pages.getPageReader(column).getTotalValueCount()));
                }
                rowGroups.add(leaves);
            }
            return rowGroups;
        }
    }
}
