package io.pqflux.tempo.internal.assembly;

import io.pqflux.reactive.BatchMapper;
import io.pqflux.tempo.Trace;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Assembles the rows of one block format's batches into traces; one per file (it knows the file's layout). */
public interface TraceMapper extends BatchMapper<Trace> {

    /** The column paths the mapper's preset reads (a path selects its whole subtree); null means every column. */
    List<String> columns();

    /**
     * The columns of the full preset restricted to the attributes of {@code owners}: every span-preset column, and of
     * the attribute columns (generic, dedicated, well-known) those under the owners' paths; null when that is every
     * column. Only for a mapper of the {@code FULL} preset, which assembles the attributes whose columns it is given.
     */
    List<String> columns(MessageSchema schema, Set<AttributeOwner> owners);

    /**
     * Fewer columns than {@link #columns(MessageSchema, Set)}: what evaluating a query needs, for a first pass that only
     * decides which traces match. Only for a mapper of the {@code FULL} preset; traces read so lack every other field.
     */
    List<String> evaluationColumns(MessageSchema schema, EvaluationFields fields);

    /** Where attribute {@code name} of {@code owner} is stored in this file. */
    AttributeColumns attributeColumns(AttributeOwner owner, String name);

    /** The path of the span element, up to and including the dot before its leaves ({@code Name}, {@code StatusCode}). */
    String spanPath();

    /** The path of the resource, up to and including the dot before its leaves ({@code ServiceName}). */
    String resourcePath();

    /**
     * The batch's resource spans one at a time (the preset must read spans), for streams that must not hold a whole
     * trace. Valid while the batch is open; what it returns is a copy.
     */
    Iterator<TraceRows.RowResourceSpans> resourceSpans(RowGroupBatch batch);
}
