package io.pqflux.internal.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.codec.CompressionCodec;
import io.pqflux.column.ColumnVector;
import io.pqflux.column.DictionaryForm;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.compress.Decompressor;
import io.pqflux.internal.codec.compress.Decompressors;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.page.ChunkBuilder;
import io.pqflux.internal.page.PageReadOptions;
import io.pqflux.internal.page.PageReader;
import io.pqflux.io.MappedInputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testdata.Corpus;
import io.pqflux.testkit.codec.ParquetBytes;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.format.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding chosen rows of a column chunk, flat and nested, with values materialised or kept as dictionary ids, on
 * either kernel set: the vector holds exactly those rows of a full decode on the scalar kernels, and the decoder
 * counts every row of the pages.
 */
class RowSelectionDecodeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"data/alltypes_dictionary.parquet", "data/alltypes_tiny_pages.parquet", "data/binary.parquet",
            "data/nested_lists.snappy.parquet", "data/list_columns.parquet", "data/nullable.impala.parquet",
            "data/nulls.snappy.parquet", "data/fixed_length_decimal.parquet", "data/delta_byte_array.parquet",
            "data/delta_length_byte_array.parquet", "data/delta_encoding_required_column.parquet",
            "data/byte_stream_split_extended.gzip.parquet", "data/datapage_v2.snappy.parquet", "data/repeated_no_annotation.parquet"})
    void keptRowsHoldTheEntriesOfAFullDecode(String file) {
        Path path = Corpus.file(file);
        SplittableRandom random = new SplittableRandom(file.hashCode());
        for (DictionaryForm form : new DictionaryForm[] {DictionaryForm.MATERIALIZED, DictionaryForm.KEPT}) {
            // the full decode on the scalar kernels, the selective ones alternately on the scalar and the vector ones
            DecodeOptions scalar = new DecodeOptions(form, DecodeOptions.DEFAULT.maxColumnBytes(), Kernels.scalar());
            DecodeOptions vector = new DecodeOptions(form, DecodeOptions.DEFAULT.maxColumnBytes(), Kernels.vector());
            try (ParquetReader reader = ParquetReader.open(path); MappedInputFile input = MappedInputFile.open(path)) {
                for (ColumnDescriptor column : reader.schema().columns()) {
                    ColumnMetaData meta = reader.metaData().rowGroups().getFirst().columns().get(column.index()).metaData();
                    List<List<String>> rows;
                    boolean dictionaryForm;
                    try (ColumnChunkDecoder decoder = new ColumnChunkDecoder(column, scalar, where(path));
                         ColumnVector all = decode(decoder, input, meta, null, 0)) {
                        rows = rows(all);
                        dictionaryForm = all.isDictionaryEncoded();
                        assertThat(decoder.rowCount()).isEqualTo(rows.size());
                    }
                    for (int attempt = 0; attempt < 8; attempt++) {
                        RowRanges keep = randomRows(rows.size(), random);
                        List<List<String>> expected = new ArrayList<>();
                        for (int k = 0; k < keep.intervalCount(); k++) {
                            expected.addAll(rows.subList((int) keep.start(k), (int) keep.end(k)));
                        }
                        DecodeOptions options = attempt % 2 == 0 ? vector : scalar;
                        try (ColumnChunkDecoder decoder = new ColumnChunkDecoder(column, options, where(path));
                             ColumnVector kept = decode(decoder, input, meta, keep, rows.size())) {
                            String what = file + " " + column.dottedPath() + " " + form + " " + keep + " " + options.kernels();
                            assertThat(rows(kept)).as(what).isEqualTo(expected);
                            assertThat(kept.isDictionaryEncoded()).as(what).isEqualTo(dictionaryForm);
                            assertThat(decoder.rowCount()).as(what).isEqualTo(rows.size());
                        }
                    }
                }
            }
        }
    }

    /** Entries before the first record belong to no row: selecting rows must not drop them silently. */
    @Test
    void levelsThatDoNotStartARecordAreCorrupt() throws Exception {
        ColumnDescriptor xs = new ColumnDescriptor(0, "xs", List.of("xs"), PhysicalType.INT32, 0,
                FieldRepetitionType.REPEATED, 1, 1, null, null, 0, 0, List.of(FieldRepetitionType.REPEATED));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(levels(1, 0, 0));
        body.writeBytes(levels(0, 0, 0));
        byte[] chunk = new ChunkBuilder().dataPageV1(3, Encoding.PLAIN, Encoding.RLE, body.toByteArray()).bytes();
        try (Decompressor none = Decompressors.create(CompressionCodec.UNCOMPRESSED);
             PageReader pages = new PageReader(MemorySegment.ofArray(chunk), 0, CompressionCodec.UNCOMPRESSED, none, 3,
                     PageReadOptions.DEFAULT, where(Path.of("crafted.parquet")));
             ColumnChunkDecoder decoder = new ColumnChunkDecoder(xs, DecodeOptions.DEFAULT, where(Path.of("crafted.parquet")))) {
            assertThatThrownBy(() -> decoder.decode(pages, 3, chunk.length, RowRanges.range(0, 1), 2).close())
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("crafted.parquet")
                    .hasMessageContaining("levels start with repetition level 1, not with a record");
        }
    }

    /** @param keep the rows to keep, or null for all */
    private static ColumnVector decode(ColumnChunkDecoder decoder, MappedInputFile input, ColumnMetaData meta, RowRanges keep,
                                       long rows) {
        try (Arena arena = Arena.ofConfined();
             Decompressor decompressor = Decompressors.create(meta.codec());
             PageReader pages = new PageReader(input.read(meta.chunkStart(), meta.totalCompressedSize(), arena),
                     meta.chunkStart(), meta.codec(), decompressor, meta.numValues(), PageReadOptions.DEFAULT,
                     where(Path.of(input.name())))) {
            long sourceBytes = meta.totalCompressedSize();
            return keep == null ? decoder.decode(pages, meta.numValues(), sourceBytes)
                    : decoder.decode(pages, meta.numValues(), sourceBytes, keep, rows);
        }
    }

    private static SourceLocation where(Path path) {
        return SourceLocation.ofFile(path.toString());
    }

    /** Each row as its entries: levels and, for present values, the value bytes. */
    private static List<List<String>> rows(ColumnVector v) {
        List<List<String>> rows = new ArrayList<>();
        int value = 0;
        for (int i = 0; i < v.size(); i++) {
            if (v.column().maxRepetitionLevel() == 0 || v.repetitionLevel(i) == 0) rows.add(new ArrayList<>());
            String entry = v.definitionLevel(i) + "/" + v.repetitionLevel(i);
            if (!v.isNull(i)) entry += "=" + HexFormat.of().formatHex(v.getByteArray(value++));
            rows.getLast().add(entry);
        }
        assertThat(value).isEqualTo(v.valueCount());
        return rows;
    }

    /** Runs of rows with gaps, sometimes none at all, sometimes every row. */
    private static RowRanges randomRows(int rows, SplittableRandom random) {
        if (random.nextInt(8) == 0) return RowRanges.empty();
        if (random.nextInt(8) == 0) return RowRanges.all(rows);
        RowRanges.Builder keep = new RowRanges.Builder();
        long at = 0;
        while (at < rows && random.nextInt(6) != 0) {
            long start = at + random.nextInt(Math.max(1, rows / 4));
            if (start >= rows) break;
            long end = Math.min(rows, start + 1 + random.nextInt(Math.max(1, rows / 3)));
            keep.add(start, end);
            at = end + 1 + random.nextInt(3);
        }
        return keep.build();
    }

    /** RLE levels with their 4-byte length, as V1 pages store them. */
    private static byte[] levels(int... levels) throws Exception {
        try (RunLengthBitPackingHybridValuesWriter writer = new RunLengthBitPackingHybridValuesWriter(1, 64, 1 << 20,
                HeapByteBufferAllocator.getInstance())) {
            for (int level : levels) writer.writeInteger(level);
            return ParquetBytes.of(writer.getBytes());
        }
    }
}
