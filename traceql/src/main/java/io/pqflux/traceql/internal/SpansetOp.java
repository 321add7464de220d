package io.pqflux.traceql.internal;

/**
 * The operators between spansets. {@link #AND} and {@link #OR} ({@code ||}, Tempo's union) bind less tightly than the
 * structural ones; all associate to the left. A structural operator keeps the right side's spans that stand in that
 * relation to some left-side span; {@code !} negates the relation; {@code &} keeps the spans of both sides that do.
 */
public enum SpansetOp {
    AND("&&"), OR("||"),
    CHILD(">"), PARENT("<"), DESCENDANT(">>"), ANCESTOR("<<"), SIBLING("~"),
    NOT_CHILD("!>"), NOT_PARENT("!<"), NOT_DESCENDANT("!>>"), NOT_ANCESTOR("!<<"), NOT_SIBLING("!~"),
    UNION_CHILD("&>"), UNION_PARENT("&<"), UNION_DESCENDANT("&>>"), UNION_ANCESTOR("&<<"), UNION_SIBLING("&~");

    private final String symbol;

    SpansetOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** 1 for {@code && ||}, 2 for the structural operators. */
    int precedence() {
        return this == AND || this == OR ? 1 : 2;
    }
}
