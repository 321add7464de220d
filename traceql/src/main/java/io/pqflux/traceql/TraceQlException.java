package io.pqflux.traceql;

import java.util.Objects;

/**
 * A TraceQL query that this reader will not run: it does not parse, it parses but fails Tempo's checks, or it uses a
 * construct this front end does not support yet. The source is the query (shortened when long), and the message says
 * where ({@code at line:column}), what was found and what was expected, e.g.
 * {@code at 1:14: expected '}' or an operator, found 'foo'}. The root of every error the language raises; the modules
 * that run queries report a query failing on their data with it too ({@link Reason#EVALUATION_ERROR}).
 */
public final class TraceQlException extends RuntimeException {

    /** Queries longer than this are shortened in the message, which should stay one readable line. */
    private static final int MAX_SOURCE_CHARS = 120;

    /** How the query failed, mirroring the three ways Tempo rejects one. */
    public enum Reason {
        /** Not TraceQL: a token or a construct the grammar does not allow at that place. */
        PARSE_ERROR,
        /** Grammatical, but rejected by Tempo's checks after parsing: operand types, regexes, argument ranges. */
        VALIDATION_ERROR,
        /** TraceQL, but a construct that neither Tempo nor this reader evaluates yet (for example the parent scope). */
        UNSUPPORTED,
        /**
         * Valid, but failing while it runs, where Tempo fails the whole search: division or modulo by zero in integers,
         * {@code !} on a value that is not a boolean, {@code -} on one that is not a number, arithmetic on arrays, a
         * structural operator over several spansets. The position is the query's start.
         */
        EVALUATION_ERROR,
        /**
         * Longer than {@link TraceQl#MAX_QUERY_LENGTH} characters or nested deeper than {@link TraceQl#MAX_NESTING}
         * levels; the position is where the limit was passed.
         */
        TOO_LARGE
    }

    private final Reason reason;
    private final String source;
    private final String query;
    private final String detail;
    private final int offset;
    private final int line;
    private final int column;

    /**
     * @param reason how the query failed
     * @param query the whole query text
     * @param offset where in {@code query} the problem starts, 0-based, in UTF-16 units as {@link String#charAt}
     * @param detail what was found and what was expected, without the position
     */
    public TraceQlException(Reason reason, String query, int offset, String detail) {
        super(shorten(Objects.requireNonNull(query, "query")) + ": " + position(query, offset) + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.source = shorten(query);
        this.query = query;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.offset = Math.clamp(offset, 0, query.length());
        int[] lineColumn = lineColumn(query, this.offset);
        this.line = lineColumn[0];
        this.column = lineColumn[1];
    }

    /** How the query failed. */
    public Reason reason() {
        return reason;
    }

    /** The query as the message starts with it: on one line, shortened when long. */
    public String source() {
        return source;
    }

    /** The whole query, never shortened. */
    public String query() {
        return query;
    }

    /** The message without the source and position: what was found and what was expected. */
    public String detail() {
        return detail;
    }

    /** Where the problem starts in {@link #query()}, 0-based, in UTF-16 units. */
    public int offset() {
        return offset;
    }

    /** The line of {@link #offset()}, 1-based; lines end at {@code '\n'}. */
    public int line() {
        return line;
    }

    /** The column of {@link #offset()}, 1-based, counted in characters (code points) from the start of its line. */
    public int column() {
        return column;
    }

    private static String position(String query, int offset) {
        int[] lineColumn = lineColumn(query, Math.clamp(offset, 0, query.length()));
        return "at " + lineColumn[0] + ":" + lineColumn[1];
    }

    private static int[] lineColumn(String query, int offset) {
        int lineStart = query.lastIndexOf('\n', offset - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        return new int[] {line, query.codePointCount(lineStart, offset) + 1};
    }

    private static String shorten(String query) {
        String oneLine = query.replace('\n', ' ').replace('\r', ' ');
        if (oneLine.length() <= MAX_SOURCE_CHARS) {
            return oneLine;
        }
        int end = MAX_SOURCE_CHARS - 1;
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--;
        }
        return oneLine.substring(0, end) + "…";
    }
}
