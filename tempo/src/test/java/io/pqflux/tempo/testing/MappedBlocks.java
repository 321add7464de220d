package io.pqflux.tempo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The bundled blocks of the three formats, read row group by row group through a mapper (no reactive pipeline). */
public final class MappedBlocks {

    public static final Path VP3 = Corpus.root().resolve("tempo-vparquet3/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10");
    public static final Path VP4 = Corpus.tempoBlock();
    public static final Path VP5 = Corpus.root().resolve("tempo-vparquet5/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10");

    private MappedBlocks() {
    }

    /** A block's data file, format, schema and full-preset mapper, for tests that read its batches themselves. */
    public record Mapped(String name, Path file, TempoFormat format, TraceMapper mapper, MessageSchema schema) {
    }

    /**
     * The block in directory {@code block} with its full-preset mapper, as a query engine gets it through the block's
     * columns; {@code name} names the block in assertion messages.
     */
    public static Mapped mapped(String name, Path block) {
        BlockColumns columns = BlockColumns.of(TempoBlock.open(block));
        MessageSchema schema = columns.schema();
        return new Mapped(name, block.resolve("data.parquet"), columns.meta().tempoFormat(),
                columns.mapper(schema, TracePreset.FULL, Long.MAX_VALUE), schema);
    }

    /**
     * The bundled blocks of the three formats and a vParquet4 block of 300 traces generated with {@code seed} into
     * {@code root} in several row groups, by name ({@code vParquet3}, {@code vParquet4}, {@code vParquet5},
     * {@code generated}).
     */
    public static Map<String, Mapped> formatsAndGenerated(Path root, long seed) {
        Map<String, Mapped> blocks = new LinkedHashMap<>();
        blocks.put("vParquet3", mapped("vParquet3", VP3));
        blocks.put("vParquet4", mapped("vParquet4", VP4));
        blocks.put("vParquet5", mapped("vParquet5", VP5));
        TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(root, TempoBlockWriter.Settings.defaults(seed)
                .withRowGroupSizeBytes(64 << 10), seed, 300);
        assertThat(written.rowGroupCount()).isGreaterThan(1);
        blocks.put("generated", mapped("generated", written.directory()));
        return blocks;
    }

    public static BlockMeta meta(Path block) {
        try {
            return BlockMeta.parse(Files.readAllBytes(block.resolve("meta.json")), block.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every trace of {@code file}, in row order, mapped by the mapper made for its schema. */
    public static List<Trace> read(Path file, Function<MessageSchema, TraceMapper> mapperFor) {
        TraceMapper mapper;
        try (ParquetReader reader = ParquetReader.open(file)) {
            mapper = mapperFor.apply(reader.schema());
        }
        List<Trace> traces = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withColumns(mapper.columns()))) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    traces.addAll(mapper.map(batch));
                }
            }
        }
        return traces;
    }

    /** The bundled pre-release vParquet4 block, full preset, with its meta's dedicated slots. */
    public static List<Trace> vp4Traces() {
        BlockMeta meta = meta(VP4);
        Path file = VP4.resolve("data.parquet");
        return read(file, schema -> new Vp4TraceMapper(file.toString(), schema, TracePreset.FULL,
                meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE), meta.dedicatedSlots(DedicatedColumn.Scope.SPAN),
                Long.MAX_VALUE));
    }

    /**
     * The summary preset gives the full traces' trace-level columns and no content; the spans preset the same spans
     * with no attribute but the resources' {@code service.name}.
     */
    public static void assertPresetsReadLess(List<Trace> full, List<Trace> summary, List<Trace> spans) {
        assertThat(summary).hasSameSizeAs(full);
        assertThat(spans).hasSameSizeAs(full);
        for (int i = 0; i < full.size(); i++) {
            assertThat(summary.get(i).traceIdHex()).isEqualTo(full.get(i).traceIdHex());
            assertThat(summary.get(i).rootSpanName()).isEqualTo(full.get(i).rootSpanName());
            assertThat(summary.get(i).serviceStats()).isEqualTo(full.get(i).serviceStats());
            assertThat(summary.get(i).resourceSpans()).isEmpty();
            assertThat(spans.get(i).spanCount()).isEqualTo(full.get(i).spanCount());
            spans.get(i).resourceSpans().forEach(rs -> {
                assertThat(rs.getResource().getAttributesList()).allSatisfy(a -> assertThat(a.getKey()).isEqualTo("service.name"));
                rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(s -> assertThat(s.getAttributesCount()).isZero()));
            });
        }
    }
}
