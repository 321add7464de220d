package io.pqflux.reader;

import io.pqflux.codec.compress.CompressionCodec;
import io.pqflux.codec.compress.Decompressor;
import io.pqflux.codec.compress.Decompressors;
import io.pqflux.column.ColumnChunkDecoder;
import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.Footer;
import io.pqflux.format.FooterReader;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.nested.NestedBatch;
import io.pqflux.nested.NestedSchema;
import io.pqflux.page.PageReader;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaBuilder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point for reading a Parquet file: footer and schema on open, then row groups on demand,
 * decoded into off-heap column vectors. Not thread-safe; the reader owns the file and closes it.
 */
public final class ParquetReader implements AutoCloseable {

    private final InputFile file;
    private final ReadOptions options;
    private final Footer footer;
    private final MessageSchema schema;
    private final List<ColumnDescriptor> projection;
    private final NestedSchema nestedSchema;
    private final Map<CompressionCodec, Decompressor> decompressors = new EnumMap<>(CompressionCodec.class);

    private ParquetReader(InputFile file, ReadOptions options) {
        this.file = file;
        this.options = options;
        SourceLocation where = SourceLocation.ofFile(file.name());
        try {
            this.footer = FooterReader.read(file);
            this.schema = SchemaBuilder.build(footer.metaData().schema());
            validateRowGroups(footer.metaData(), schema);
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
        this.projection = Projection.select(schema, options.columns());
        this.nestedSchema = NestedSchema.of(schema, projection);
    }

    public static ParquetReader open(Path path) {
        return open(path, ReadOptions.defaults());
    }

    public static ParquetReader open(Path path, ReadOptions options) {
        return open(MappedInputFile.open(path), options);
    }

    /** Takes ownership of {@code file}: it is closed with the reader, or at once if opening fails. */
    public static ParquetReader open(InputFile file, ReadOptions options) {
        try {
            return new ParquetReader(file, options);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public String fileName() {
        return file.name();
    }

    public FileMetaData metaData() {
        return footer.metaData();
    }

    public Footer footer() {
        return footer;
    }

    public MessageSchema schema() {
        return schema;
    }

    /** The columns every batch holds, in file order. */
    public List<ColumnDescriptor> projectedColumns() {
        return projection;
    }

    /** The projected fields with LIST and MAP groups interpreted: what rows and batches hold. */
    public NestedSchema nestedSchema() {
        return nestedSchema;
    }

    public int rowGroupCount() {
        return footer.metaData().rowGroups().size();
    }

    /** Decodes the projected columns of one row group. The caller closes the batch. */
    public RowGroupBatch readRowGroup(int index) {
        RowGroup rowGroup = footer.metaData().rowGroups().get(index);
        List<ColumnVector> vectors = new ArrayList<>(projection.size());
        try {
            for (ColumnDescriptor column : projection) {
                vectors.add(readColumn(index, rowGroup, column));
            }
            NestedBatch nested = nestedBatch(index, rowGroup, vectors);
            return new RowGroupBatch(index, rowGroup.numRows(), vectors, nested);
        } catch (RuntimeException e) {
            vectors.forEach(ColumnVector::close);
            throw e;
        }
    }

    private NestedBatch nestedBatch(int index, RowGroup rowGroup, List<ColumnVector> vectors) {
        SourceLocation where = new SourceLocation(file.name(), index, null, -1);
        try {
            return NestedBatch.of(nestedSchema, vectors, rowGroup.numRows(), where);
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
    }

    /** Rows of every row group in order, nested fields as list, map and struct views. */
    public RowCursor rows() {
        return new RowCursor(this);
    }

    private ColumnVector readColumn(int rowGroupIndex, RowGroup rowGroup, ColumnDescriptor column) {
        SourceLocation where = new SourceLocation(file.name(), rowGroupIndex, column.dottedPath(), -1);
        ColumnChunk chunk = rowGroup.columns().get(column.index());
        ColumnMetaData meta = chunk.metaData();
        if (chunk.cryptoMetadata() != null || chunk.encryptedColumnMetadata() != null) {
            throw new UnsupportedFeatureException("encrypted column", where);
        }
        if (meta == null) throw new CorruptFileException("column chunk has no metadata", where);
        if (chunk.filePath() != null) {
            throw new UnsupportedFeatureException("column data in another file (" + chunk.filePath() + ")", where);
        }
        long start = meta.chunkStart();
        where = where.withOffset(start);
        try (Arena arena = Arena.ofConfined();
             ColumnChunkDecoder decoder = new ColumnChunkDecoder(column, options.decodeOptions(), where);
             PageReader pages = new PageReader(readChunkBytes(start, meta, arena), start, meta.codec(),
                     decompressor(meta.codec()), meta.numValues(), options.pageOptions(), where)) {
            return decoder.decode(pages, meta.numValues());
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
    }


    private MemorySegment readChunkBytes(long start, ColumnMetaData meta, Arena arena) {
        long length = meta.totalCompressedSize();
        if (length < 0) throw new CorruptFileException("negative total_compressed_size " + length);
        return file.read(start, length, arena);
    }

    private Decompressor decompressor(CompressionCodec codec) {
        Decompressor d = decompressors.get(codec);
        if (d == null) {
            d = Decompressors.create(codec);
            decompressors.put(codec, d);
        }
        return d;
    }

    private static void validateRowGroups(FileMetaData meta, MessageSchema schema) {
        List<ColumnDescriptor> leaves = schema.columns();
        for (int g = 0; g < meta.rowGroups().size(); g++) {
            RowGroup rowGroup = meta.rowGroups().get(g);
            SourceLocation where = new SourceLocation(null, g, null, -1);
            if (rowGroup.columns().size() != leaves.size()) {
                throw new CorruptFileException("row group has " + rowGroup.columns().size()
                        + " column chunks but the schema has " + leaves.size() + " columns", where);
            }
            if (rowGroup.numRows() < 0) throw new CorruptFileException("negative row count " + rowGroup.numRows(), where);
            for (int c = 0; c < leaves.size(); c++) {
                ColumnMetaData chunkMeta = rowGroup.columns().get(c).metaData();
                if (chunkMeta != null && !chunkMeta.pathInSchema().equals(leaves.get(c).path())) {
                    throw new CorruptFileException("column chunk " + c + " is for " + chunkMeta.pathInSchema()
                            + " but the schema's column " + c + " is " + leaves.get(c).path(), where);
                }
            }
        }
    }

    @Override
    public void close() {
        decompressors.values().forEach(Decompressor::close);
        decompressors.clear();
        file.close();
    }
}
