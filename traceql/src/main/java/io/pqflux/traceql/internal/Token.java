package io.pqflux.traceql.internal;

/**
 * A token of a query, {@code [start, end)} in UTF-16 units.
 *
 * @param value the decoded value: a {@link String} for strings, identifiers and attribute names, a {@link Long} for
 *     integers and durations (nanoseconds), a {@link Double} for floats, null for the rest
 * @param scope for {@link TokenKind#ATTRIBUTE} only, else null
 * @param parent for {@link TokenKind#ATTRIBUTE}: whether it is a {@code parent.} attribute
 */
record Token(TokenKind kind, int start, int end, Object value, AttributeScope scope, boolean parent) {

    static Token of(TokenKind kind, int start, int end, Object value) {
        return new Token(kind, start, end, value, null, false);
    }

    boolean isWord(String word) {
        return kind == TokenKind.IDENTIFIER && value.equals(word);
    }

    SourceRange range() {
        return new SourceRange(start, end);
    }
}
