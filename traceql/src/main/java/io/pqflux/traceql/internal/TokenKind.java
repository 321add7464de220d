package io.pqflux.traceql.internal;

/** What a {@link Token} is. Words (keywords included) are {@link #IDENTIFIER}s; the parser tells them apart. */
enum TokenKind {
    END,
    IDENTIFIER,
    STRING, INTEGER, FLOAT, DURATION,
    /** A whole attribute with its scope: {@code .a}, {@code span.a}, {@code parent.resource."a b"}. */
    ATTRIBUTE,
    /** {@code trace:}, {@code span:}, {@code event:}, {@code link:} or {@code instrumentation:}; the scope is the text. */
    SCOPE_COLON,
    LBRACE, RBRACE, LPAREN, RPAREN, COMMA, PIPE,
    EQ, NEQ, LT, LTE, GT, GTE, REGEX, NOT_REGEX,
    ADD, SUB, MUL, DIV, MOD, POW,
    AND, OR, NOT,
    DESC, ANCE, SIBL,
    NOT_CHILD, NOT_PARENT, NOT_DESC, NOT_ANCE,
    UNION_CHILD, UNION_PARENT, UNION_DESC, UNION_ANCE, UNION_SIBL
}
