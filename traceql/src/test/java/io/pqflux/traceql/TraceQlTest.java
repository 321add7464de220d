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
