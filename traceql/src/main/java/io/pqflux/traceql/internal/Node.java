package io.pqflux.traceql.internal;

/** A node of the TraceQL AST. Nodes are immutable records; {@link #range()} points back into the query text. */
public interface Node {

    /** Where the node came from; ignored by {@code equals}, see {@link SourceRange}. */
    SourceRange range();
}
