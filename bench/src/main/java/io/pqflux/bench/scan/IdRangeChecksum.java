package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.Fold;
import io.pqflux.column.ColumnVector;
import io.pqflux.reactive.dataset.DatasetBatch;
import io.pqflux.reader.RowGroupBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import reactor.core.publisher.Flux;

/**
 * The checksum of the rows of a dataset whose {@value #ID} (a required INT64 column, unique across the dataset) lies
 * in {@code [fromId, toId)}: per column of the projection (required flat columns, {@value #ID} among them), the sum
 * over those rows of {@link Fold#mix}(value code, id), then {@link Fold#combine} in projection order. Values are
 * placed by their row's id, not by a position within a file, so a dataset scan's files and batches may come in any
 * order, and a scan that pruned files must produce exactly the sums of one that tested every row.
 */
public final class IdRangeChecksum {

    public static final String ID = "id";

    private final List<String> columns;
    private final int idColumn;
    private final long fromId;
    private final long toId;

    public IdRangeChecksum(List<String> columns, long fromId, long toId) {
        this.columns = List.copyOf(columns);
        this.idColumn = columns.indexOf(ID);
        if (idColumn < 0) throw new IllegalArgumentException("the projection " + columns + " lacks the " + ID + " column");
        this.fromId = fromId;
        this.toId = toId;
    }

    /**
     * parquet-java's checksum: every file below {@code root} (names starting with {@code .} or {@code _} hidden, as
     * a dataset's listing hides them) read whole with its {@link ColumnReader}s, each row's id tested here.
     */
    public long parquetJava(Path root) {
        long[] sums = new long[columns.size()];
        for (Path file : dataFiles(root)) addParquetJava(file, sums);
        return Fold.combine(sums);
    }

    private void addParquetJava(Path file, long[] sums) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            GroupConverter converter = new DummyRecordConverter(schema).getRootConverter();
            List<ColumnDescriptor> descriptors = columns.stream()
                    .map(c -> requiredFlat(schema.getColumnDescription(c.split("\\.")), file)).toList();
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, converter, schema, createdBy);
                // a column's pages are read once: the id reader gives the ids and folds the id column in one pass
                ColumnReader idReader = store.getColumnReader(descriptors.get(idColumn));
                long[] ids = new long[Math.toIntExact(rowGroup.getRowCount())];
                for (int r = 0; r < ids.length; r++) {
                    ids[r] = idReader.getLong();
                    if (selected(ids[r])) sums[idColumn] += Fold.mix(ParquetJavaScan.valueCode(idReader, descriptors.get(idColumn)), ids[r]);
                    idReader.consume();
                }
                for (int c = 0; c < columns.size(); c++) {
                    if (c == idColumn) continue;
                    ColumnReader column = store.getColumnReader(descriptors.get(c));
                    for (long id : ids) {
                        // a value not read must be skipped: consume() alone leaves it to be read as the next one
                        if (selected(id)) sums[c] += Fold.mix(ParquetJavaScan.valueCode(column, descriptors.get(c)), id);
                        else column.skip();
                        column.consume();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " with parquet-java", e);
        }
    }

    private boolean selected(long id) {
        return id >= fromId && id < toId;
    }

    /** Folds and closes every batch of a dataset scan of this projection (filtered to the id range by the reader). */
    public long of(Flux<DatasetBatch> batches) {
        long[] sums = batches
                .reduceWith(() -> new long[columns.size()], (partial, batch) -> {
                    try (batch) {
                        return BatchFold.add(partial, columnSums(batch));
                    }
                })
                .doOnDiscard(DatasetBatch.class, DatasetBatch::close)
                .block();
        return Fold.combine(sums);
    }

    /**
     * Per column, the sums over the batch's selected rows. The rows are the reader's: they are not tested against
     * the range here, so rows a reader let through wrongly (or dropped) change the checksum.
     */
    public long[] columnSums(DatasetBatch batch) {
        if (!batch.columnNames().equals(columns)) {
            throw new IllegalArgumentException("batch of columns " + batch.columnNames() + ", expected " + columns);
        }
        ColumnVector[] vectors = new ColumnVector[columns.size()];
        for (int c = 0; c < vectors.length; c++) {
            if (!(batch.column(c) instanceof DatasetBatch.Column.Vector(ColumnVector vector))
                    || vector.definitionLevels() != null || vector.repetitionLevels() != null) {
                throw new IllegalArgumentException("IdRangeChecksum folds required flat columns read from the file; "
                        + columns.get(c) + " of " + batch.file().path() + " is " + batch.column(c));
            }
            vectors[c] = vector;
        }
        RowGroupBatch data = batch.data();
        long[] sums = new long[vectors.length];
        for (int i = 0; i < data.selectedRowCount(); i++) {
            int row = data.selectedRow(i); // required columns: batch row = value index
            long id = vectors[idColumn].getLong(row);
            for (int c = 0; c < vectors.length; c++) {
                sums[c] += Fold.mix(PqfluxScan.valueCode(vectors[c], vectors[c].column().physicalType(), row), id);
            }
        }
        return sums;
    }

    private static ColumnDescriptor requiredFlat(ColumnDescriptor column, Path file) {
        if (column.getMaxDefinitionLevel() != 0 || column.getMaxRepetitionLevel() != 0) {
            throw new IllegalArgumentException("IdRangeChecksum folds required flat columns; "
                    + String.join(".", column.getPath()) + " of " + file + " is not");
        }
        return column;
    }

    /** The dataset's files in path order, hidden names skipped in every folder. */
    private static List<Path> dataFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> {
                        for (Path name : root.relativize(path)) {
                            if (name.toString().startsWith(".") || name.toString().startsWith("_")) return false;
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
    }
}
