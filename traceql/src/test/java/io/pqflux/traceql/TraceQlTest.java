package io.pqflux.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pqflux.traceql.TraceQlException.Reason;
import org.junit.jupiter.api.Test;

class TraceQlTest {

    private static TraceQlException failure(String query) {
        TraceQlException e = catchThrowableOfType(TraceQlException.class, () -> TraceQl.validate(query));
        assertThat(e).as(query).isNotNull();
        return e;
    }

    @Test
    void validQueriesPass() {
        assertThatCode(() -> TraceQl.validate("{ resource.service.name = \"api\" } | rate() by (name)"))
            .doesNotThrowAnyException();
    }

    @Test
    void aParseErrorSaysWhereWhatWasFoundAndWhatWasExpected() {
        TraceQlException e = failure("{ .a = 1 foo }");
        assertThat(e.getMessage()).startsWith("{ .a = 1 foo }: at 1:10: ");
        assertThat(e.reason()).isEqualTo(Reason.PARSE_ERROR);
        assertThat(e.offset()).isEqualTo(9);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.source()).isEqualTo("{ .a = 1 foo }");
        assertThat(e.query()).isEqualTo("{ .a = 1 foo }");
        assertThat(e.detail()).isEqualTo("expected '}' or an operator, found 'foo'");
        assertThat(e.getMessage()).isEqualTo("{ .a = 1 foo }: at 1:10: expected '}' or an operator, found 'foo'");
    }

    @Test
    void linesAndColumnsCountCharactersNotUtf16Units() {
        TraceQlException e = failure("{ .a = \"😀\" &&\n  .b = }");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        TraceQlException sameLine = failure("{ .a = \"😀😀\" ! }");
        assertThat(sameLine.offset()).isEqualTo(14);
        assertThat(sameLine.column()).isEqualTo(13);
    }

    @Test
    void validationAndUnsupportedErrorsPointAtTheExpression() {
        TraceQlException validation = failure("{ .a = 1 } | avg(name) > 2");
        assertThat(validation.reason()).isEqualTo(Reason.VALIDATION_ERROR);
        assertThat(validation.column()).isEqualTo(18);
        assertThat(validation.detail()).isEqualTo("avg() needs a number, found string");
        TraceQlException unsupported = failure("{ parent.a = 1 }");
        assertThat(unsupported.reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(unsupported.column()).isEqualTo(3);
    }

    /** {@code { .a = 0 || .a = 1 || … }} with {@code terms} terms: a chain that nests one level per term. */
    static String orChain(int terms) {
        StringBuilder b = new StringBuilder("{ .a = 0");
        for (int i = 1; i < terms; i++) b.append(" || .a = ").append(i);
        return b.append(" }").toString();
    }

    @Test
    void aChainOfOperandsUpToTheNestingLimitIsAcceptedAndOneMoreIsTooLarge() {
        // the filter, its chain and the pipeline around it take a few levels of their own
        assertThatCode(() -> TraceQl.canonical(orChain(TraceQl.MAX_NESTING - 8))).doesNotThrowAnyException();
        TraceQlException e = failure(orChain(700));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.detail()).startsWith("the query nests deeper than " + TraceQl.MAX_NESTING + " levels");
        assertThat(e.getMessage()).hasSizeLessThan(400);
    }

    @Test
    void deepParenthesesAndUnaryChainsAreTooLargeNotAStackOverflow() {
        for (String query : new String[] {
            "(".repeat(5_000) + "{ }" + ")".repeat(5_000),
            "{ " + "(".repeat(60_000) + ".a = 1" + ")".repeat(60_000) + " }",
            "{ " + "!".repeat(50_000) + ".a }",
            "{ .a = 2" + " ^ 2".repeat(20_000) + " }",
            "{ } | avg(duration) = " + "(".repeat(20_000) + "1" + ")".repeat(20_000),
            "{ } " + "&& { } ".repeat(10_000),
            "({ } | count() > 1) " + "&& ({ } | count() > 1) ".repeat(3_000),
        }) {
            TraceQlException e = failure(query);
            assertThat(e.reason()).as(query.substring(0, 30)).isEqualTo(Reason.TOO_LARGE);
        }
    }

    @Test
    void aQueryLongerThanTheLimitIsTooLargeAtTheLimit() {
        String query = "{ .a = \"" + "x".repeat(TraceQl.MAX_QUERY_LENGTH) + "\" }";
        TraceQlException e = failure(query);
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.offset()).isEqualTo(TraceQl.MAX_QUERY_LENGTH);
        assertThat(e.detail()).isEqualTo("the query is " + query.length() + " characters long; the limit is "
            + TraceQl.MAX_QUERY_LENGTH);
        assertThatCode(() -> TraceQl.validate("{ .a = \"" + "x".repeat(TraceQl.MAX_QUERY_LENGTH - 12) + "\" }"))
            .doesNotThrowAnyException();
    }

    @Test
    void anEmptyQueryIsAParseError() {
        TraceQlException e = failure("");
        assertThat(e.reason()).isEqualTo(Reason.PARSE_ERROR);
        assertThat(e.offset()).isZero();
        assertThat(e.detail()).endsWith("found end of query");
        assertThat(failure(" \n ").line()).isEqualTo(2);
    }

    @Test
    void longQueriesAreShortenedInTheMessageOnly() {
        String query = "{ .a = \"" + "x".repeat(300) + "\" } }";
        TraceQlException e = failure(query);
        assertThat(e.query()).isEqualTo(query);
        assertThat(e.source()).hasSize(120).endsWith("…");
        assertThat(e.offset()).isEqualTo(query.length() - 1);
        assertThat(e.getMessage()).startsWith(e.source() + ": at 1:" + query.length() + ": ");
        assertThat(failure("{ .a = 1\n &&& }").source()).doesNotContain("\n");
    }

    @Test
    void canonicalTextParsesBackToItself() {
        String canonical = TraceQl.canonical("{ .a=1&&span.b>2 }|count()>1");
        assertThat(canonical).isEqualTo("{ (.a = 1) && (span.b > 2) } | count() > 1");
        assertThat(TraceQl.canonical(canonical)).isEqualTo(canonical);
        assertThat(failure("{ .a = }").reason()).isEqualTo(Reason.PARSE_ERROR);
    }
}
