package io.pqflux.bench.tempo;

import io.pqflux.io.CountingInputFile;
import io.pqflux.io.InputFile;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.internal.assembly.EvaluationFields;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import java.util.function.Consumer;

/**
 * The baselines' read, Tempo's way: in every row group the whole chunks of the columns that hold {@code fields} (every
 * column when null), one request per chunk, no page index and no pruning predicate, every row assembled into a trace
 * by the engine's mapper (with the attributes the fields name) and handed to {@code sink}. Bytes: every read of
 * {@code data.parquet}, the footer included (a new footer cache per read).
 */
public final class WholeChunkRead {

    /** What one read asked of {@code data.parquet}. */
    public record Reads(long requests, long bytes) {
    }

    private final ObjectStore store;
    private final String data;
    private final BlockMeta meta;

    /** @param data the block's {@code data.parquet} relative to the store's root */
    public WholeChunkRead(ObjectStore store, String data, BlockMeta meta) {
        this.store = store;
        this.data = data;
        this.meta = meta;
    }

    public BlockMeta meta() {
        return meta;
    }

    public Reads read(EvaluationFields fields, Consumer<Trace> sink) {
        ReadOptions options = ReadOptions.defaults().withFooterCache(FooterCache.ofMaxBytes(16L << 20))
                .withFooterSuffix(meta.footerSize() + 8);
        try (InputFile file = store.openInputFile(data, meta.footerSize())) {
            CountingInputFile counted = new CountingInputFile(file);
            MessageSchema schema;
            try (ParquetReader footer = ParquetReader.open(counted, options)) {
                schema = footer.schema();
            }
            TraceMapper mapper = new Vp4TraceMapper(counted.name(), schema, TracePreset.FULL,
                    meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE), meta.dedicatedSlots(DedicatedColumn.Scope.SPAN),
                    Long.MAX_VALUE);
            ReadOptions columns = fields == null ? options : options.withColumns(mapper.evaluationColumns(schema, fields));
            try (ParquetReader reader = ParquetReader.open(counted, columns)) {
                for (int g = 0; g < reader.rowGroupCount(); g++) {
                    try (RowGroupBatch batch = reader.readRowGroup(g)) {
                        for (Trace trace : fields == null ? mapper.map(batch) : mapper.map(batch, fields.attributes())) {
                            sink.accept(trace);
                        }
                    }
                }
            }
            return new Reads(counted.requests(), counted.bytes());
        }
    }
}
