package io.pqflux.bench;

import io.pqflux.bench.data.TempoProductionFooterFile;
import io.pqflux.bench.data.WideFooterFile;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.FileMetaDataDecoder;
import io.pqflux.testkit.format.ThriftOracleComparator;
import io.pqflux.testdata.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.format.Util;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Suite 4, footer parsing: the serialized FileMetaData, already in memory, decoded into each library's model —
 * pqflux's {@link FileMetaDataDecoder} on a {@link MemorySegment} vs parquet-format-structures'
 * {@link Util#readFileMetaData} on the same bytes. Files: {@code wide} (1,000 columns × 50 row groups, 50,000
 * column chunks with statistics), {@code tempo} (the bundled Tempo block, 103 columns, one row group) and
 * {@code tempo-production} (a footer shaped like a Tempo production block's: 103 columns × 57 row groups, see
 * {@link TempoProductionFooterFile}). One op = one footer.
 * Each trial first checks that both libraries parse the footer to the same model, field by field
 * ({@link #verifySameModel}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FooterBenchmark {

    @Param({"wide", "tempo", "tempo-production"})
    public String file;

    private byte[] bytes;
    private Arena arena;
    private MemorySegment segment;
    private SourceLocation location;

    @Setup(Level.Trial)
    public void setUp() {
        Path path = switch (file) {
            case "wide" -> WideFooterFile.get();
            case "tempo" -> Corpus.tempoBlock().resolve("data.parquet");
            case "tempo-production" -> TempoProductionFooterFile.get();
            default -> throw new IllegalArgumentException("unknown footer file " + file);
        };
        bytes = footerBytes(path);
        arena = Arena.ofShared();
        segment = arena.allocate(bytes.length, 8).copyFrom(MemorySegment.ofArray(bytes));
        location = SourceLocation.ofFile(path.toString());
        try {
            verifySameModel("footer of " + path, Util.readFileMetaData(new ByteArrayInputStream(bytes)),
                    FileMetaDataDecoder.read(new CompactReader(segment, 0, location)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Both models of one footer hold the same values, every field of every struct (statistics, encodings, page
     * encoding stats, key-value metadata, schema, logical types, column orders, …) compared by
     * {@link ThriftOracleComparator} — not just the figures the benchmark sums.
     *
     * @return the number of values compared
     * @throws IllegalStateException listing the first differences
     */
    static long verifySameModel(String what, org.apache.parquet.format.FileMetaData theirs, FileMetaData ours) {
        ThriftOracleComparator comparator = new ThriftOracleComparator();
        comparator.compare("FileMetaData", theirs, ours);
        List<String> mismatches = comparator.mismatches();
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(what + ": pqflux's model differs from parquet-format-structures' in "
                    + mismatches.size() + " values, e.g.\n  " + String.join("\n  ", mismatches.subList(0, Math.min(20, mismatches.size()))));
        }
        long chunks = theirs.getRow_groups().stream().mapToLong(g -> g.getColumns().size()).sum();
        if (comparator.comparedValues() < 10 * chunks + theirs.getSchema().size()) {
            throw new IllegalStateException(what + ": only " + comparator.comparedValues() + " values compared for " + chunks + " column chunks");
        }
        return comparator.comparedValues();
    }

    @Benchmark
    public long pqflux() {
        return summary(FileMetaDataDecoder.read(new CompactReader(segment, 0, location)));
    }

    @Benchmark
    public long parquetFormatStructures() {
        try {
            return summary(Util.readFileMetaData(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** The same figures from both models: rows, row groups, chunks, and every chunk's offsets and sizes. */
    private static long summary(FileMetaData meta) {
        long sum = meta.numRows() * 31 + meta.schema().size();
        for (RowGroup rowGroup : meta.rowGroups()) {
            sum = sum * 31 + rowGroup.numRows() + rowGroup.columns().size();
            for (ColumnChunk chunk : rowGroup.columns()) {
                sum = sum * 31 + chunk.metaData().dataPageOffset() + chunk.metaData().totalCompressedSize()
                        + chunk.metaData().numValues();
            }
        }
        return sum;
    }

    private static long summary(org.apache.parquet.format.FileMetaData meta) {
        long sum = meta.getNum_rows() * 31 + meta.getSchema().size();
        for (org.apache.parquet.format.RowGroup rowGroup : meta.getRow_groups()) {
            sum = sum * 31 + rowGroup.getNum_rows() + rowGroup.getColumns().size();
            for (org.apache.parquet.format.ColumnChunk chunk : rowGroup.getColumns()) {
                sum = sum * 31 + chunk.getMeta_data().getData_page_offset() + chunk.getMeta_data().getTotal_compressed_size()
                        + chunk.getMeta_data().getNum_values();
            }
        }
        return sum;
    }

    /** The serialized footer: the bytes before the 4-byte length and the closing magic. */
    static byte[] footerBytes(Path path) {
        try {
            byte[] all = Files.readAllBytes(path);
            int length = ByteBuffer.wrap(all, all.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return Arrays.copyOfRange(all, all.length - 8 - length, all.length - 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
