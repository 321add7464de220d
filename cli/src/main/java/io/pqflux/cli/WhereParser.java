package io.pqflux.cli;

import io.pqflux.filter.Predicate;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the expression of {@code pqflux cat --where} into a {@link Predicate}, typing each literal by the column
 * it is compared with ({@link WhereLiterals}). Grammar (keywords in any case):
 *
 * <pre>
 * expression := and ( "or" and )*
 * and        := unary ( "and" unary )*
 * unary      := "not" unary | "(" expression ")" | condition
 * condition  := column ( operator literal | "is" ["not"] "null" | ["not"] "in" "(" literal ( "," literal )* ")" )
 * operator   := "=" | "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * column     := name ( "." name )*       name: letters, digits, _ and $, or "double quoted"
 * literal    := 'string' | x'hex' | number | true | false | NaN | Infinity | -Infinity
 * </pre>
 */
final class WhereParser {

    /** A mistake in the expression, at a 1-based character position. */
    static final class SyntaxException extends Exception {

        SyntaxException(String message, int position) {
            super(message + " at position " + position);
        }
    }

    private final String text;
    private final List<ColumnDescriptor> columns;
    /** Names the columns in errors: "the file's", "the dataset's". */
    private final String owner;
    private final List<Token> tokens;
    private int next;

    private WhereParser(String text, List<ColumnDescriptor> columns, String owner, List<Token> tokens) {
        this.text = text;
        this.columns = columns;
        this.owner = owner;
        this.tokens = tokens;
    }

    static Predicate parse(String text, MessageSchema schema) throws SyntaxException {
        return parse(text, schema.columns(), "the file's");
    }

    /**
     * @param columns the columns EXPR may name, by dotted path, typing its literals
     * @param owner   whose columns they are, for the error naming an unknown one ("the dataset's")
     */
    static Predicate parse(String text, List<ColumnDescriptor> columns, String owner) throws SyntaxException {
        WhereParser parser = new WhereParser(text, columns, owner, WhereTokens.of(text));
        Predicate predicate = parser.expression();
        Token extra = parser.peek();
        if (extra.kind() != Token.Kind.END) throw parser.error("expected 'and', 'or' or the end", extra);
        return predicate;
    }

    private Predicate expression() throws SyntaxException {
        List<Predicate> operands = new ArrayList<>(List.of(conjunction()));
        while (keyword("or")) operands.add(conjunction());
        return operands.size() == 1 ? operands.getFirst() : new Predicate.Or(operands);
    }

    private Predicate conjunction() throws SyntaxException {
        List<Predicate> operands = new ArrayList<>(List.of(unary()));
        while (keyword("and")) operands.add(unary());
        return operands.size() == 1 ? operands.getFirst() : new Predicate.And(operands);
    }

    private Predicate unary() throws SyntaxException {
        if (keyword("not")) return Predicate.not(unary());
        if (symbol("(")) {
            Predicate inner = expression();
            expectSymbol(")");
            return inner;
        }
        return condition();
    }

    private Predicate condition() throws SyntaxException {
        Token start = peek();
        String path = columnPath();
        ColumnDescriptor column = columns.stream().filter(c -> c.dottedPath().equals(path)).findFirst()
                .orElseThrow(() -> error("no column '" + path + "'; " + owner + " columns with one value per row are "
                        + columns.stream().filter(c -> c.maxRepetitionLevel() == 0).map(ColumnDescriptor::dottedPath)
                        .toList(), start));
        if (column.maxRepetitionLevel() > 0) {
            throw error("column '" + path + "' is repeated (several values per row); --where compares columns with one "
                    + "value per row", start);
        }
        if (keyword("is")) {
            boolean negated = keyword("not");
            expectKeyword("null");
            return negated ? Predicate.isNotNull(path) : Predicate.isNull(path);
        }
        boolean negated = keyword("not");
        if (keyword("in")) {
            expectSymbol("(");
            List<Object> values = new ArrayList<>(List.of(literal(column)));
            while (symbol(",")) values.add(literal(column));
            expectSymbol(")");
            Predicate in = Predicate.in(path, values);
            return negated ? Predicate.not(in) : in;
        }
        if (negated) throw error("expected 'in' after 'not'", peek());
        Token operator = advance();
        Predicate.Operator op = switch (operator.kind() == Token.Kind.SYMBOL ? operator.text() : "") {
            case "=", "==" -> Predicate.Operator.EQ;
            case "!=", "<>" -> Predicate.Operator.NOT_EQ;
            case "<" -> Predicate.Operator.LT;
            case "<=" -> Predicate.Operator.LT_EQ;
            case ">" -> Predicate.Operator.GT;
            case ">=" -> Predicate.Operator.GT_EQ;
            default -> throw error("expected a comparison, 'is', or 'in' after column '" + path + "'", operator);
        };
        return new Predicate.Comparison(path, op, literal(column));
    }

    private String columnPath() throws SyntaxException {
        Token name = advance();
        if (!isName(name)) throw error("expected a column name", name);
        StringBuilder path = new StringBuilder(name.text());
        while (symbol(".")) {
            Token part = advance();
            if (!isName(part)) throw error("expected a name after '.'", part);
            path.append('.').append(part.text());
        }
        return path.toString();
    }

    private static boolean isName(Token t) {
        return t.kind() == Token.Kind.NAME || t.kind() == Token.Kind.QUOTED;
    }

    private Object literal(ColumnDescriptor column) throws SyntaxException {
        Token token = advance();
        if (token.kind() == Token.Kind.END || token.kind() == Token.Kind.SYMBOL || token.kind() == Token.Kind.QUOTED) {
            throw error("expected a literal", token);
        }
        if (token.kind() == Token.Kind.NAME && token.text().equalsIgnoreCase("null")) {
            throw error("null is not a value: use 'is null'", token);
        }
        try {
            return WhereLiterals.of(token, column);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw error("column '" + column.dottedPath() + "': " + e.getMessage(), token);
        }
    }

    private boolean keyword(String word) {
        Token t = peek();
        if (t.kind() == Token.Kind.NAME && t.text().toLowerCase(Locale.ROOT).equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String word) throws SyntaxException {
        if (!keyword(word)) throw error("expected '" + word + "'", peek());
    }

    private boolean symbol(String s) {
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && t.text().equals(s)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String s) throws SyntaxException {
        if (!symbol(s)) throw error("expected '" + s + "'", peek());
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        Token t = tokens.get(next);
        if (t.kind() != Token.Kind.END) next++;
        return t;
    }

    private SyntaxException error(String message, Token at) {
        String found = at.kind() == Token.Kind.END ? "end of expression" : "'" + text.substring(at.start(), at.end()) + "'";
        return new SyntaxException(message + " (found " + found + ")", at.start() + 1);
    }

    /** A token of the expression: its kind, its text (unquoted for strings and names) and where it lies. */
    record Token(Kind kind, String text, int start, int end) {

        /** NAME is a bare word (a column or a keyword), QUOTED a "double-quoted" column name. */
        enum Kind { NAME, QUOTED, STRING, HEX, NUMBER, SYMBOL, END }
    }
}
