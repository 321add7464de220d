package io.pqflux.cli;

import io.pqflux.cli.WhereParser.SyntaxException;
import io.pqflux.cli.WhereParser.Token;
import io.pqflux.cli.WhereParser.Token.Kind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Splits a {@code --where} expression into tokens, ending with an END token. */
final class WhereTokens {

    private static final List<String> SYMBOLS = List.of("<=", ">=", "!=", "<>", "==", "=", "<", ">", "(", ")", ",", ".");

    private final String text;
    private int at;

    private WhereTokens(String text) {
        this.text = text;
    }

    static List<Token> of(String text) throws SyntaxException {
        WhereTokens lexer = new WhereTokens(text);
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.next(); ; t = lexer.next()) {
            tokens.add(t);
            if (t.kind() == Kind.END) return tokens;
        }
    }

    private Token next() throws SyntaxException {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        int start = at;
        if (at == text.length()) return new Token(Kind.END, "", start, start);
        char c = text.charAt(at);
        if (c == '\'') return new Token(Kind.STRING, quoted('\''), start, at);
        if (c == '"') return new Token(Kind.QUOTED, quoted('"'), start, at);
        if ((c == 'x' || c == 'X') && at + 1 < text.length() && text.charAt(at + 1) == '\'') {
            at++;
            String hex = quoted('\'');
            try {
                HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new SyntaxException("bad hex literal (an even number of hex digits)", start + 1);
            }
            return new Token(Kind.HEX, hex, start, at);
        }
        if (Character.isDigit(c) || ((c == '-' || c == '.') && at + 1 < text.length()
                && (Character.isDigit(text.charAt(at + 1)) || text.charAt(at + 1) == '.'))) {
            return new Token(Kind.NUMBER, number(), start, at);
        }
        if (c == '-' && at + 1 < text.length() && isNameStart(text.charAt(at + 1))) {
            at++;
            return new Token(Kind.NUMBER, "-" + word(), start, at);
        }
        if (isNameStart(c)) return new Token(Kind.NAME, word(), start, at);
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, at)) {
                at += symbol.length();
                return new Token(Kind.SYMBOL, symbol, start, at);
            }
        }
        throw new SyntaxException("unexpected character '" + c + "'", start + 1);
    }

    /** The text between {@code quote}s, a doubled quote standing for one. */
    private String quoted(char quote) throws SyntaxException {
        int start = at;
        StringBuilder out = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) throw new SyntaxException("unterminated " + (quote == '"' ? "quoted name" : "string"), start + 1);
            char c = text.charAt(at++);
            if (c != quote) {
                out.append(c);
            } else if (at < text.length() && text.charAt(at) == quote) {
                out.append(quote);
                at++;
            } else {
                return out.toString();
            }
        }
    }

    private String number() {
        int start = at;
        if (text.charAt(at) == '-') at++;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) at++;
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) at++;
            while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
        }
        return text.substring(start, at);
    }

    private String word() {
        int start = at;
        while (at < text.length() && (isNameStart(text.charAt(at)) || Character.isDigit(text.charAt(at)))) at++;
        return text.substring(start, at);
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }
}
