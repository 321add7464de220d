package io.pqflux.traceql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceQlLexerTest {

    private static List<Token> lex(String query) {
        TraceQlLexer lexer = new TraceQlLexer(query);
        List<Token> tokens = new ArrayList<>();
        for (Token token = lexer.next(); token.kind() != TokenKind.END; token = lexer.next()) {
            tokens.add(token);
        }
        return tokens;
    }

    private static Token single(String query) {
        List<Token> tokens = lex(query);
        assertThat(tokens).as(query).hasSize(1);
        return tokens.getFirst();
    }

    private static TraceQlException failure(String query) {
        TraceQlException e = catchThrowableOfType(TraceQlException.class, () -> lex(query));
        assertThat(e).as(query).isNotNull();
        return e;
    }

    @ParameterizedTest
    @CsvSource({
        "1ns, 1", "1us, 1000", "1µs, 1000", "1μs, 1000", "1ms, 1000000", "1s, 1000000000", "1m, 60000000000",
        "1h, 3600000000000", "1d, 86400000000000", "1w, 604800000000000", "1y, 31536000000000000",
        "1.5s, 1500000000", ".5s, 500000000", "1.s, 1000000000", "0.001ms, 1000", "1h30m, 5400000000000",
        "1d12h, 129600000000000", "1ms1s, 1001000000", "1h1h, 7200000000000", "0s, 0",
        "1.0000000001s, 1000000000", "9223372036854775807ns, 9223372036854775807"})
    void durations(String text, long nanos) {
        assertThat(DurationLiterals.parse(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @CsvSource({"1.5d", "1d1d", "1s1d", "1x", "s", ".s", "1e3s", "1..5s", "9223372036854775808ns", "300y"})
    void notDurations(String text) {
        assertThat(DurationLiterals.parse(text)).isNull();
    }

    @Test
    void durationTokensAndTheirCanonicalText() {
        Token token = single("90m");
        assertThat(token.kind()).isEqualTo(TokenKind.DURATION);
        assertThat(token.value()).isEqualTo(5_400_000_000_000L);
        assertThat(DurationLiterals.format(5_400_000_000_000L)).isEqualTo("90m");
        assertThat(DurationLiterals.format(1_500_000_000L)).isEqualTo("1500ms");
        assertThat(DurationLiterals.format(-2_000L)).isEqualTo("-2us");
        assertThat(DurationLiterals.format(0)).isEqualTo("0s");
    }

    @Test
    void aNumberFollowedByLettersThatAreNoDurationStandsAlone() {
        List<Token> tokens = lex("1hour");
        assertThat(tokens).extracting(Token::kind).containsExactly(TokenKind.DURATION, TokenKind.IDENTIFIER);
        assertThat(tokens.get(1).value()).isEqualTo("our");
        assertThat(lex("1.5d")).extracting(Token::kind).containsExactly(TokenKind.FLOAT, TokenKind.IDENTIFIER);
        assertThat(lex("3 s")).extracting(Token::kind).containsExactly(TokenKind.INTEGER, TokenKind.IDENTIFIER);
    }

    @Test
    void numbers() {
        assertThat(single("42").value()).isEqualTo(42L);
        assertThat(single("010").value()).isEqualTo(10L);
        assertThat(single("9223372036854775807").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(single("1.5").value()).isEqualTo(1.5);
        assertThat(single(".25").value()).isEqualTo(0.25);
        assertThat(single("1.").value()).isEqualTo(1.0);
        assertThat(single("1e3").value()).isEqualTo(1000.0);
        assertThat(single("2.5E-2").value()).isEqualTo(0.025);
        assertThat(single("1e3").kind()).isEqualTo(TokenKind.FLOAT);
        assertThat(failure("9223372036854775808").detail()).contains("integer out of range");
        assertThat(failure("1e400").detail()).contains("float out of range");
        assertThat(failure("0x10").reason()).isEqualTo(Reason.PARSE_ERROR);
        assertThat(failure("0x1p3").reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(failure("1_0").detail()).contains("digit separators");
        assertThat(failure("08").detail()).contains("octal");
    }

    @Test
    void stringsWithGoEscapes() {
        assertThat(single("\"a\\tb\\n\\\\\\\"\"").value()).isEqualTo("a\tb\n\\\"");
        assertThat(single("\"\\x41\\102\\u00e9\\U0001F600\"").value()).isEqualTo("ABé😀");
        assertThat(single("\"\\xe6\\x97\\xa5\"").value()).isEqualTo("日");
        assertThat(single("\"\\a\\b\\f\\v\\r\"").value()).isEqualTo("\u0007\b\f\u000b\r");
        assertThat(single("`raw \\n \"x\"\r\nnext`").value()).isEqualTo("raw \\n \"x\"\nnext");
        assertThat(single("\"ünï 😀\"").value()).isEqualTo("ünï 😀");
        assertThat(failure("\"a\\qb\"").offset()).isEqualTo(2);
        assertThat(failure("\"a\nb\"").detail()).contains("not terminated");
        assertThat(failure("\"\\xff\"").reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(failure("\"\\400\"").detail()).contains("octal");
        assertThat(failure("\"\\ud800\"").detail()).contains("code point");
        assertThat(failure("'x'").detail()).contains("single quotes");
    }

    @Test
    void attributeNames() {
        Token token = single("resource.service.name");
        assertThat(token.kind()).isEqualTo(TokenKind.ATTRIBUTE);
        assertThat(token.scope()).isEqualTo(AttributeScope.RESOURCE);
        assertThat(token.value()).isEqualTo("service.name");
        assertThat(single(".a-b/c:d*e+f%g'h").value()).isEqualTo("a-b/c:d*e+f%g'h");
        assertThat(single("span.\"a b\".c\"d\\\"e\"").value()).isEqualTo("a b.cd\"e");
        assertThat(single("span.\"\"").value()).isEqualTo("");
        assertThat(single(".日本").value()).isEqualTo("日本");
        assertThat(single(".a//b").value()).isEqualTo("a//b");
        assertThat(lex(".a=1")).extracting(Token::kind)
            .containsExactly(TokenKind.ATTRIBUTE, TokenKind.EQ, TokenKind.INTEGER);
        // a no-break space ends an attribute name (Go's unicode.IsSpace) but is not whitespace between tokens
        assertThat(failure(".a\u00a0b").offset()).isEqualTo(2);
        Token parent = single("parent.resource.x");
        assertThat(parent.parent()).isTrue();
        assertThat(parent.scope()).isEqualTo(AttributeScope.RESOURCE);
        Token parentUnscoped = single("parent.spanx");
        assertThat(parentUnscoped.scope()).isEqualTo(AttributeScope.NONE);
        assertThat(parentUnscoped.value()).isEqualTo("spanx");
        for (String scope : List.of("span", "event", "link", "instrumentation")) {
            assertThat(single(scope + ".x").scope().prefix()).isEqualTo(scope);
        }
        assertThat(single(".5").kind()).isEqualTo(TokenKind.FLOAT);
        assertThat(failure("span. ").offset()).isEqualTo(5);
        assertThat(failure("span.\"a").detail()).contains("not terminated");
    }

    /**
     * In quotes an attribute name takes any character, control characters and Go's spaces included; {@code \"} and
     * {@code \\} are its only escapes ({@code \t} is not one: a tab is written as itself).
     */
    @Test
    void quotedAttributeNamesTakeAnyCharacterAndTwoEscapes() {
        assertThat(single(".\"a\tb\nc\rd\u000be\fg\u00a0h\u0085i\"").value())
            .isEqualTo("a\tb\nc\rd\u000be\fg\u00a0h\u0085i");
        assertThat(single("span.\"a\\\"b\\\\c\"").value()).isEqualTo("a\"b\\c");
        assertThat(single(".\"foo\\\" = \\\"bar\"").value()).isEqualTo("foo\" = \"bar");
        TraceQlException tab = failure(".\"foo\\tbar\"");
        assertThat(tab.offset()).isEqualTo(5);
        assertThat(tab.detail()).contains("only \\\" and \\\\");
    }

    @Test
    void operatorsTakeTheLongestMatch() {
        assertThat(lex("!>> !> !<< !< != !~ ! &>> &> &<< &< &~ && || | >> >= > << <= < =~ = ~"))
            .extracting(Token::kind).containsExactly(
                TokenKind.NOT_DESC, TokenKind.NOT_CHILD, TokenKind.NOT_ANCE, TokenKind.NOT_PARENT, TokenKind.NEQ,
                TokenKind.NOT_REGEX, TokenKind.NOT, TokenKind.UNION_DESC, TokenKind.UNION_CHILD, TokenKind.UNION_ANCE,
                TokenKind.UNION_PARENT, TokenKind.UNION_SIBL, TokenKind.AND, TokenKind.OR, TokenKind.PIPE,
                TokenKind.DESC, TokenKind.GTE, TokenKind.GT, TokenKind.ANCE, TokenKind.LTE, TokenKind.LT,
                TokenKind.REGEX, TokenKind.EQ, TokenKind.SIBL);
        assertThat(lex("==")).extracting(Token::kind).containsExactly(TokenKind.EQ, TokenKind.EQ);
        assertThat(failure("&").detail()).contains("'&'");
    }

    @Test
    void commentsAndWhitespaceAreSkipped() {
        assertThat(lex(" /* a */ x // b\n\ty\r\n")).extracting(Token::value).containsExactly("x", "y");
        assertThat(failure("x /* open").offset()).isEqualTo(2);
        assertThat(lex("4 / 2")).extracting(Token::kind)
            .containsExactly(TokenKind.INTEGER, TokenKind.DIV, TokenKind.INTEGER);
    }

    @Test
    void scopesWithAColonStartIntrinsics() {
        assertThat(lex("span:duration trace: id")).extracting(Token::kind).containsExactly(
            TokenKind.SCOPE_COLON, TokenKind.IDENTIFIER, TokenKind.SCOPE_COLON, TokenKind.IDENTIFIER);
        assertThat(failure("foo:bar").offset()).isEqualTo(3);
    }

    @Test
    void tokensKnowWhereTheyAre() {
        List<Token> tokens = lex("{ .a = \"x\" }");
        assertThat(tokens).extracting(Token::start).containsExactly(0, 2, 5, 7, 11);
        assertThat(tokens).extracting(Token::end).containsExactly(1, 4, 6, 10, 12);
    }
}
