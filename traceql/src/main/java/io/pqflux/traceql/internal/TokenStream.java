package io.pqflux.traceql.internal;

import io.pqflux.traceql.TraceQl;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The tokens of a query as the parsers read them: lexed on demand, looked ahead at, taken one by one; the errors that
 * point at them; and the guard on how deep the parsers' recursive descent goes.
 */
final class TokenStream {

    private static final int MAX_TOKEN_TEXT = 40;

    private final String query;
    private final TraceQlLexer lexer;
    private final List<Token> tokens = new ArrayList<>();
    private int index;
    /** How many levels of the recursive descent are open: a bound on the parsers' own stack. */
    private int nesting;

    TokenStream(String query) {
        this.query = query;
        this.lexer = new TraceQlLexer(query);
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        while (tokens.size() <= index + ahead) {
            tokens.add(lexer.next());
        }
        return tokens.get(index + ahead);
    }

    Token next() {
        Token token = peek();
        index++;
        return token;
    }

    /** Where the last token taken ends; 0 before the first. */
    int previousEnd() {
        return index == 0 ? 0 : tokens.get(index - 1).end();
    }

    Token expect(TokenKind kind, String expected) {
        if (peek().kind() != kind) {
            throw unexpected(expected);
        }
        return next();
    }

    TraceQlException unexpected(String expected) {
        Token token = peek();
        return error(Reason.PARSE_ERROR, token, "expected " + expected + ", found " + describe(token));
    }

    /** The token as an error message quotes it, shortened when long. */
    String describe(Token token) {
        if (token.kind() == TokenKind.END) {
            return "end of query";
        }
        String text = query.substring(token.start(), token.end());
        return "'" + (text.length() > MAX_TOKEN_TEXT ? text.substring(0, MAX_TOKEN_TEXT - 1) + "…" : text) + "'";
    }

    TraceQlException error(Reason reason, Token at, String detail) {
        return errorAt(reason, at.start(), detail);
    }

    TraceQlException errorAt(Reason reason, int offset, String detail) {
        return lexer.error(reason, offset, detail);
    }

    /**
     * Runs one level of the recursive descent (every cycle of it passes through one of these levels), refusing the
     * query past {@link TraceQl#MAX_NESTING} open levels.
     */
    <T> T nested(Supplier<T> level) {
        if (++nesting > TraceQl.MAX_NESTING) {
            throw tooDeep(peek().start());
        }
        try {
            return level.get();
        } finally {
            nesting--;
        }
    }

    TraceQlException tooDeep(int offset) {
        return errorAt(Reason.TOO_LARGE, offset, "the query nests deeper than " + TraceQl.MAX_NESTING
            + " levels (parentheses, unary operators and the operands of a chain such as 'a || b || c' each count one)");
    }
}
