package io.pqflux.traceql.internal;

import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Splits a query into {@link Token}s the way Tempo's lexer (Go's text/scanner plus its own attribute rules) does:
 * whitespace is space, tab, CR and LF; {@code //} and {@code /* *}{@code /} comments are skipped; strings are Go
 * strings ({@code "…"} with Go escapes, or raw between backticks); a number directly followed by duration units is a
 * duration ({@link DurationLiterals}); a scope prefix ({@code .}, {@code span.}, {@code parent.resource.} …) starts an
 * attribute whose name runs to the next space or one of {@code { } ( ) = ~ ! < > & | ^ ,}, with {@code "…"} parts
 * quoting anything else. Tokens are made on demand, so a malformed token late in a query does not hide an earlier
 * syntax error.
 */
final class TraceQlLexer {

    private static final Set<String> DOT_SCOPES = Set.of("span", "resource", "parent", "event", "link", "instrumentation");
    private static final Set<String> COLON_SCOPES = Set.of("trace", "span", "event", "link", "instrumentation");
    private static final String ATTRIBUTE_TERMINATORS = "{}()=~!<>&|^,";

    private final String query;
    private int pos;

    TraceQlLexer(String query) {
        this.query = query;
    }

    Token next() {
        skipSpaceAndComments();
        int start = pos;
        if (pos >= query.length()) {
            return Token.of(TokenKind.END, start, start, null);
        }
        char c = query.charAt(pos);
        if (c == '"') {
            return quotedString(start);
        }
        if (c == '`') {
            return rawString(start);
        }
        if (isAsciiDigit(c) || c == '.' && pos + 1 < query.length() && isAsciiDigit(query.charAt(pos + 1))) {
            return number(start);
        }
        if (c == '.') {
            pos++;
            return attribute(start, AttributeScope.NONE, false);
        }
        int cp = query.codePointAt(pos);
        if (Character.isLetter(cp) || cp == '_') {
            return word(start);
        }
        if (c == '\'') {
            throw error(Reason.PARSE_ERROR, start,
                "single quotes do not make a string in TraceQL; use \"…\" or `…`");
        }
        return operator(start, c);
    }

    private Token word(int start) {
        while (pos < query.length()) {
            int cp = query.codePointAt(pos);
            if (!Character.isLetterOrDigit(cp) && cp != '_') {
                break;
            }
            pos += Character.charCount(cp);
        }
        String word = query.substring(start, pos);
        if (pos < query.length() && query.charAt(pos) == '.' && DOT_SCOPES.contains(word)) {
            pos++;
            if (word.equals("parent")) {
                AttributeScope scope = AttributeScope.NONE;
                if (query.startsWith("span.", pos)) {
                    scope = AttributeScope.SPAN;
                } else if (query.startsWith("resource.", pos)) {
                    scope = AttributeScope.RESOURCE;
                }
                pos += scope == AttributeScope.NONE ? 0 : scope.prefix().length() + 1;
                return attribute(start, scope, true);
            }
            return attribute(start, AttributeScope.valueOf(word.toUpperCase(java.util.Locale.ROOT)), false);
        }
        if (pos < query.length() && query.charAt(pos) == ':' && COLON_SCOPES.contains(word)) {
            pos++;
            return Token.of(TokenKind.SCOPE_COLON, start, pos, word);
        }
        return Token.of(TokenKind.IDENTIFIER, start, pos, word);
    }

    private Token attribute(int start, AttributeScope scope, boolean parent) {
        StringBuilder name = new StringBuilder();
        while (pos < query.length()) {
            int cp = query.codePointAt(pos);
            if (cp == '"') {
                quotedNamePart(name);
            } else if (isAttributeCodePoint(cp)) {
                name.appendCodePoint(cp);
                pos += Character.charCount(cp);
            } else {
                break;
            }
        }
        if (pos == start + prefixLength(scope, parent)) {
            throw error(Reason.PARSE_ERROR, pos, "expected an attribute name after '" + query.substring(start, pos)
                + "', found " + describeAt(pos));
        }
        return new Token(TokenKind.ATTRIBUTE, start, pos, name.toString(), scope, parent);
    }

    private static int prefixLength(AttributeScope scope, boolean parent) {
        int length = parent ? "parent.".length() : 0;
        if (scope != AttributeScope.NONE) {
            length += scope.prefix().length() + 1;
        } else if (!parent) {
            length = 1;
        }
        return length;
    }

    /** A {@code "…"} part of an attribute name: only {@code \"} and {@code \\} are escapes there. */
    private void quotedNamePart(StringBuilder name) {
        int open = pos++;
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                if (pos + 1 < query.length() && (query.charAt(pos + 1) == '"' || query.charAt(pos + 1) == '\\')) {
                    name.append(query.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                throw error(Reason.PARSE_ERROR, pos,
                    "invalid escape in a quoted attribute name: only \\\" and \\\\ are allowed");
            }
            name.append(c);
            pos++;
        }
        throw error(Reason.PARSE_ERROR, open, "quoted attribute name not terminated: expected '\"'");
    }

    private Token number(int start) {
        if (query.startsWith("0x", pos) || query.startsWith("0X", pos) || query.startsWith("0o", pos)
            || query.startsWith("0O", pos) || query.startsWith("0b", pos) || query.startsWith("0B", pos)) {
            pos += 2;
            while (pos < query.length() && (Character.isLetterOrDigit(query.charAt(pos)) || query.charAt(pos) == '_'
                || query.charAt(pos) == '.')) {
                pos++;
            }
            String text = query.substring(start, pos);
            boolean hexFloat = (text.charAt(1) == 'x' || text.charAt(1) == 'X')
                && (text.indexOf('.') >= 0 || text.indexOf('p') >= 0 || text.indexOf('P') >= 0);
            throw hexFloat
                ? error(Reason.UNSUPPORTED, start, "hexadecimal floating-point literals are not supported: " + text)
                : error(Reason.PARSE_ERROR, start, "integers are decimal in TraceQL, found " + text);
        }
        boolean isFloat = false;
        digits();
        if (pos < query.length() && query.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            digits();
        }
        if (pos < query.length() && (query.charAt(pos) == 'e' || query.charAt(pos) == 'E')) {
            isFloat = true;
            pos++;
            if (pos < query.length() && (query.charAt(pos) == '+' || query.charAt(pos) == '-')) {
                pos++;
            }
            int exponent = pos;
            digits();
            if (pos == exponent) {
                throw error(Reason.PARSE_ERROR, start, "exponent has no digits: " + query.substring(start, pos));
            }
        }
        String text = query.substring(start, pos);
        if (text.indexOf('_') >= 0) {
            throw error(Reason.PARSE_ERROR, start, "digit separators ('_') are not allowed in numbers: " + text);
        }
        Token duration = durationSuffix(start, text);
        if (duration != null) {
            return duration;
        }
        if (isFloat) {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw error(Reason.PARSE_ERROR, start, "float out of range: " + text);
            }
            return Token.of(TokenKind.FLOAT, start, pos, value);
        }
        if (text.length() > 1 && text.charAt(0) == '0' && (text.indexOf('8') >= 0 || text.indexOf('9') >= 0)) {
            // Go's scanner reads a leading 0 as octal and rejects 8 and 9 (Tempo then parses the digits as decimal)
            throw error(Reason.PARSE_ERROR, start, "invalid digit in octal literal " + text);
        }
        try {
            return Token.of(TokenKind.INTEGER, start, pos, Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw error(Reason.PARSE_ERROR, start, "integer out of range: " + text);
        }
    }

    private void digits() {
        while (pos < query.length() && (isAsciiDigit(query.charAt(pos)) || query.charAt(pos) == '_')) {
            pos++;
        }
    }

    /**
     * As Tempo: the digits, dots and duration-unit letters right after the number (up to a space) are tried as a
     * duration together with it; when they do not make one, the number stands alone and they are lexed anew.
     */
    private Token durationSuffix(int start, String number) {
        int end = pos;
        while (end < query.length()) {
            char c = query.charAt(end);
            if (!Character.isDigit(c) && c != '.' && "nsumhµdwy".indexOf(c) < 0) {
                break;
            }
            end++;
        }
        if (end == pos) {
            return null;
        }
        Long nanos = DurationLiterals.parse(number + query.substring(pos, end));
        if (nanos == null) {
            return null;
        }
        pos = end;
        return Token.of(TokenKind.DURATION, start, end, nanos);
    }

    private Token quotedString(int start) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pos++;
        while (true) {
            if (pos >= query.length() || query.charAt(pos) == '\n') {
                throw error(Reason.PARSE_ERROR, start, "string not terminated: expected '\"'");
            }
            int cp = query.codePointAt(pos);
            if (cp == '"') {
                pos++;
                return Token.of(TokenKind.STRING, start, pos, utf8(bytes, start));
            }
            if (cp == '\\') {
                escape(bytes);
            } else {
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                pos += Character.charCount(cp);
            }
        }
    }

    /** Go's escapes in a {@code "…"} string; {@code \x} and octal ones are bytes of the UTF-8 text. */
    private void escape(ByteArrayOutputStream bytes) {
        int at = pos;
        char c = pos + 1 < query.length() ? query.charAt(pos + 1) : '\0';
        pos += 2;
        int simple = "abfnrtv\\\"".indexOf(c);
        if (simple >= 0) {
            bytes.write("\u0007\b\f\n\r\t\u000b\\\"".charAt(simple));
            return;
        }
        switch (c) {
            case 'x' -> bytes.write(hexDigits(at, 2));
            case 'u', 'U' -> {
                int cp = hexDigits(at, c == 'u' ? 4 : 8);
                // eight hex digits may exceed an int's range: a negative value is no code point either
                if (!Character.isValidCodePoint(cp) || cp >= 0xD800 && cp <= 0xDFFF) {
                    throw error(Reason.PARSE_ERROR, at, "escape is not a valid code point: " + query.substring(at, pos));
                }
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                pos--;
                int value = 0;
                for (int i = 0; i < 3; i++, pos++) {
                    if (pos >= query.length() || query.charAt(pos) < '0' || query.charAt(pos) > '7') {
                        throw error(Reason.PARSE_ERROR, at, "octal escape needs three digits");
                    }
                    value = value * 8 + query.charAt(pos) - '0';
                }
                if (value > 255) {
                    throw error(Reason.PARSE_ERROR, at, "octal escape above \\377");
                }
                bytes.write(value);
            }
            default -> throw error(Reason.PARSE_ERROR, at,
                "unknown escape sequence: \\" + (c == '\0' ? "" : String.valueOf(c)));
        }
    }

    private int hexDigits(int escapeStart, int count) {
        int value = 0;
        for (int i = 0; i < count; i++, pos++) {
            int digit = pos < query.length() ? Character.digit(query.charAt(pos), 16) : -1;
            if (digit < 0) {
                throw error(Reason.PARSE_ERROR, escapeStart, "escape needs " + count + " hexadecimal digits");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private String utf8(ByteArrayOutputStream bytes, int start) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
        } catch (CharacterCodingException e) {
            throw error(Reason.UNSUPPORTED, start, "strings whose escapes make bytes that are not UTF-8 are not supported");
        }
    }

    /** A raw string: no escapes, newlines allowed, carriage returns dropped (as Go's strconv.Unquote does). */
    private Token rawString(int start) {
        int close = query.indexOf('`', start + 1);
        if (close < 0) {
            throw error(Reason.PARSE_ERROR, start, "raw string not terminated: expected '`'");
        }
        pos = close + 1;
        return Token.of(TokenKind.STRING, start, pos, query.substring(start + 1, close).replace("\r", ""));
    }

    private Token operator(int start, char c) {
        TokenKind kind = switch (c) {
            case '{' -> TokenKind.LBRACE;
            case '}' -> TokenKind.RBRACE;
            case '(' -> TokenKind.LPAREN;
            case ')' -> TokenKind.RPAREN;
            case ',' -> TokenKind.COMMA;
            case '+' -> TokenKind.ADD;
            case '-' -> TokenKind.SUB;
            case '*' -> TokenKind.MUL;
            case '/' -> TokenKind.DIV;
            case '%' -> TokenKind.MOD;
            case '^' -> TokenKind.POW;
            case '~' -> TokenKind.SIBL;
            case '=' -> longest(TokenKind.EQ, "=~", TokenKind.REGEX);
            case '|' -> longest(TokenKind.PIPE, "||", TokenKind.OR);
            case '>' -> longest(TokenKind.GT, ">>", TokenKind.DESC, ">=", TokenKind.GTE);
            case '<' -> longest(TokenKind.LT, "<<", TokenKind.ANCE, "<=", TokenKind.LTE);
            case '!' -> longest(TokenKind.NOT, "!=", TokenKind.NEQ, "!~", TokenKind.NOT_REGEX,
                "!>>", TokenKind.NOT_DESC, "!>", TokenKind.NOT_CHILD, "!<<", TokenKind.NOT_ANCE, "!<", TokenKind.NOT_PARENT);
            case '&' -> longest(null, "&&", TokenKind.AND, "&>>", TokenKind.UNION_DESC, "&>", TokenKind.UNION_CHILD,
                "&<<", TokenKind.UNION_ANCE, "&<", TokenKind.UNION_PARENT, "&~", TokenKind.UNION_SIBL);
            default -> null;
        };
        if (kind == null) {
            throw error(Reason.PARSE_ERROR, start, "unexpected " + describeAt(start));
        }
        if (pos == start) {
            pos++;
        }
        return Token.of(kind, start, pos, null);
    }

    /**
     * The first of the {@code (text, kind)} pairs whose text is at the current position, consumed; else
     * {@code single} with nothing consumed (the caller takes the one character). Longer texts come first.
     */
    private TokenKind longest(TokenKind single, Object... alternatives) {
        for (int i = 0; i < alternatives.length; i += 2) {
            String text = (String) alternatives[i];
            if (query.startsWith(text, pos)) {
                pos += text.length();
                return (TokenKind) alternatives[i + 1];
            }
        }
        return single;
    }

    private void skipSpaceAndComments() {
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (query.startsWith("//", pos)) {
                int newline = query.indexOf('\n', pos);
                pos = newline < 0 ? query.length() : newline;
            } else if (query.startsWith("/*", pos)) {
                int close = query.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error(Reason.PARSE_ERROR, pos, "comment not terminated: expected '*/'");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    /** An error message's name for the text at {@code offset}: a quoted character, or the end of the query. */
    private String describeAt(int offset) {
        if (offset >= query.length()) {
            return "end of query";
        }
        int cp = query.codePointAt(offset);
        if (isGoSpace(cp)) {
            return "whitespace";
        }
        return Character.isISOControl(cp)
            ? String.format("character U+%04X", cp)
            : "'" + new String(Character.toChars(cp)) + "'";
    }

    TraceQlException error(Reason reason, int offset, String detail) {
        return new TraceQlException(reason, query, offset, detail);
    }

    /** Whether {@code cp} can be part of an unquoted attribute name. */
    static boolean isAttributeCodePoint(int cp) {
        return !isGoSpace(cp) && (cp > 0x7f || ATTRIBUTE_TERMINATORS.indexOf(cp) < 0);
    }

    /** Go's unicode.IsSpace: the Latin-1 spaces (NEL and NBSP included) and Unicode's separators. */
    private static boolean isGoSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xa0 -> true;
            default -> cp > 0xff && Character.isSpaceChar(cp);
        };
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
