package io.pqflux.tempo.query.oracle;

import static io.pqflux.tempo.query.oracle.TestTraces.kv;
import static io.pqflux.tempo.query.oracle.TestTraces.spanId;
import static io.pqflux.tempo.query.oracle.TestTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.EvaluationException;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.SearchResult;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.SpansetResult;
import io.pqflux.tempo.query.oracle.NaiveTraceQl.TraceResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The naive evaluator against hand-built traces whose expected results were derived by hand from Tempo's rules
 * (docs/traceql.md, "Evaluation semantics").
 * <p>
 * Trace {@code a} (100 ms): resource {@code frontend} {env=prod, region=eu}, scope {@code http 1.0} {lib.lang=java}:
 * <pre>
 * a1 "GET /"     server, 100 ms, {http.status_code=200, region=span-eu}            nested set [1,10] parent -1
 * ├─ a2 "db.query"  client, 30 ms, error "boom", {db.system=pg, retries=3}          [2,3]  parent 1
 * └─ a3 "handle"    server, 50 ms, {retries=1.5, tags=[x,y]}   (resource backend)   [4,9]  parent 1
 *    ├─ a4 "cache.get" internal, 5 ms, {hit=true}, events start{n=1}, exception{exception.type=IOError, n=2}  [5,6]
 *    └─ a5 "cache.set" internal, 7 ms, {hit=false, msg="a\nb"}, link to b/b1 {rel=follows}                 [7,8]
 * </pre>
 * a3–a5 are in resource {@code backend} {env=dev} (default scope). Trace {@code b} (201 ms): {@code frontend} b1
 * "GET /" (10 ms, ok, {http.status_code=500}) with child b2 "db.query" (200 ms, error). Trace {@code c} (1 ms): a
 * resource without {@code service.name}, one root c1 "GET /health" {region=us}.
 */
class NaiveTraceQlTest {

    static final Trace A = trace("a")
        .resource("frontend", kv("env", "prod"), kv("region", "eu"))
        .scope("http", "1.0", kv("lib.lang", "java"))
        .span("a1", null, "GET /", 100, s -> s.setKind(SpanKind.SPAN_KIND_SERVER)
            .addAttributes(kv("http.status_code", 200)).addAttributes(kv("region", "span-eu")))
        .span("a2", "a1", "db.query", 30, s -> s.setKind(SpanKind.SPAN_KIND_CLIENT)
            .setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
            .addAttributes(kv("db.system", "pg")).addAttributes(kv("retries", 3)))
        .resource("backend", kv("env", "dev"))
        .span("a3", "a1", "handle", 50, s -> s.setKind(SpanKind.SPAN_KIND_SERVER)
            .addAttributes(kv("retries", 1.5)).addAttributes(kv("tags", List.of("x", "y"))))
        .span("a4", "a3", "cache.get", 5, s -> s.setKind(SpanKind.SPAN_KIND_INTERNAL)
            .addAttributes(kv("hit", true))
            .addEvents(Span.Event.newBuilder().setName("start").setTimeUnixNano(TestTraces.BASE + 3_000_000L)
                .addAttributes(kv("n", 1)))
            .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(TestTraces.BASE + 5_000_000L)
                .addAttributes(kv("exception.type", "IOError")).addAttributes(kv("n", 2))))
        .span("a5", "a3", "cache.set", 7, s -> s.setKind(SpanKind.SPAN_KIND_INTERNAL)
            .addAttributes(kv("hit", false)).addAttributes(kv("msg", "a\nb"))
            .addLinks(Span.Link.newBuilder().setTraceId(TestTraces.id("0000000000000000000000000000000b"))
                .setSpanId(spanId("b1")).addAttributes(kv("rel", "follows"))))
        .build();

    static final Trace B = trace("b")
        .resource("frontend")
        .span("b1", null, "GET /", 10, s -> s.setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_OK))
            .addAttributes(kv("http.status_code", 500)))
        .span("b2", "b1", "db.query", 200, s -> s.setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR)))
        .build();

    static final Trace C = trace("c")
        .resource(null)
        .span("c1", null, "GET /health", 1, s -> s.addAttributes(kv("region", "us")))
        .build();

    static final List<Trace> ALL = List.of(A, B, C);

    /**
     * The result in short form: per trace {@code id:spans}, spansets (span IDs without leading zeros, in trace order,
     * then the spanset attributes) sorted and joined by {@code ;}, traces joined by {@code " | "}.
     */
    static String run(String query) {
        return shortForm(NaiveTraceQl.search(query, ALL));
    }

    static String runUnchecked(String query) {
        return shortForm(NaiveTraceQl.searchUnchecked(query, ALL));
    }

    static String shortForm(SearchResult result) {
        return result.traces().stream().map(NaiveTraceQlTest::shortForm).collect(Collectors.joining(" | "));
    }

    static String shortForm(TraceResult t) {
        return t.traceId() + ":" + t.spansets().stream().map(NaiveTraceQlTest::shortForm).sorted()
            .collect(Collectors.joining(";"));
    }

    static String shortForm(SpansetResult ss) {
        assertThat(ss.matched()).isEqualTo(ss.spans().size());
        String spans = ss.spanIds().stream().map(id -> id.replaceFirst("^0+", "")).collect(Collectors.joining(","));
        String attrs = ss.attributes().stream().map(Object::toString).collect(Collectors.joining(" "));
        return attrs.isEmpty() ? spans : spans + " " + attrs;
    }

    @Nested
    class Filters {

        @Test
        void emptyFilterMatchesEverySpan() {
            assertThat(run("{}")).isEqualTo("a:a1,a2,a3,a4,a5 | b:b1,b2 | c:c1");
            assertThat(run("{ true }")).isEqualTo(run("{}"));
            assertThat(run("{ false }")).isEmpty();
        }

        @Test
        void nameEquality() {
            assertThat(run("{ name = \"db.query\" }")).isEqualTo("a:a2 | b:b2");
            assertThat(run("{ span:name != \"db.query\" }")).isEqualTo("a:a1,a3,a4,a5 | b:b1 | c:c1");
        }

        @Test
        void regexesAreFullyAnchored() {
            assertThat(run("{ name =~ \"GET\" }")).isEmpty();
            assertThat(run("{ name =~ \"GET.*\" }")).isEqualTo("a:a1 | b:b1 | c:c1");
            assertThat(run("{ name =~ \"cache\\\\.(get|set)\" }")).isEqualTo("a:a4,a5");
            assertThat(run("{ name !~ \"cache.*\" }")).isEqualTo("a:a1,a2,a3 | b:b1,b2 | c:c1");
        }

        @Test
        void dotMatchesNewlinesInRegexes() {
            assertThat(run("{ span.msg =~ \"a.b\" }")).isEqualTo("a:a5");
            assertThat(run("{ span.msg = \"a\\nb\" }")).isEqualTo("a:a5");
        }

        @Test
        void statusAndKindEnums() {
            assertThat(run("{ status = error }")).isEqualTo("a:a2 | b:b2");
            assertThat(run("{ status = ok }")).isEqualTo("b:b1");
            assertThat(run("{ status = unset && kind = internal }")).isEqualTo("a:a4,a5");
            assertThat(run("{ kind = server }")).isEqualTo("a:a1,a3");
            assertThat(run("{ kind != unspecified }")).isEqualTo("a:a1,a2,a3,a4,a5");
            assertThat(run("{ statusMessage = \"boom\" }")).isEqualTo("a:a2");
        }

        @Test
        void durations() {
            assertThat(run("{ duration > 40ms }")).isEqualTo("a:a1,a3 | b:b2");
            assertThat(run("{ duration >= 50ms && duration < 100ms }")).isEqualTo("a:a3");
            // an integer compares with a duration in nanoseconds
            assertThat(run("{ duration = 5000000 }")).isEqualTo("a:a4");
            assertThat(run("{ duration * 2 > 150ms }")).isEqualTo("a:a1 | b:b2");
        }

        @Test
        void intsAndFloatsCompareNumerically() {
            assertThat(run("{ span.retries > 2 }")).isEqualTo("a:a2");
            assertThat(run("{ .retries = 1.5 }")).isEqualTo("a:a3");
            assertThat(run("{ .retries = 3.0 }")).isEqualTo("a:a2");
            assertThat(run("{ span.retries + 1 = 4 }")).isEqualTo("a:a2");
            assertThat(run("{ span.retries >= 1 }")).isEqualTo("a:a2,a3");
        }

        @Test
        void mismatchedTypesAreFalseEvenForNotEquals() {
            assertThat(run("{ span.http.status_code = \"200\" }")).isEmpty();
            assertThat(run("{ span.http.status_code != \"200\" }")).isEmpty();
            assertThat(run("{ span.http.status_code != 200 }")).isEqualTo("b:b1");
            // a missing attribute compares false with anything
            assertThat(run("{ span.db.system != \"mysql\" }")).isEqualTo("a:a2");
        }

        @Test
        void integerPowerSwapsItsOperandsAsTempoDoes() {
            // Tempo computes int ^ int as intPow(rhs, lhs): retries ^ 2 is 2 ^ 3 = 8 for retries = 3
            assertThat(run("{ span.retries ^ 2 = 8 }")).isEqualTo("a:a2");
            assertThat(run("{ span.retries ^ 2 = 9 }")).isEmpty();
            // floats are not affected
            assertThat(run("{ span.retries ^ 2.0 = 9.0 }")).isEqualTo("a:a2");
        }

        @Test
        void stringOrderingIsByteWise() {
            assertThat(run("{ name > \"d\" }")).isEqualTo("a:a2,a3 | b:b2");
            assertThat(run("{ name <= \"GET /\" }")).isEqualTo("a:a1 | b:b1");
        }

        @Test
        void nilChecksExistence() {
            assertThat(run("{ span.http.status_code = nil }")).isEqualTo("a:a2,a3,a4,a5 | b:b2 | c:c1");
            assertThat(run("{ span.http.status_code != nil }")).isEqualTo("a:a1 | b:b1");
            assertThat(run("{ nil != span.hit }")).isEqualTo("a:a4,a5");
            assertThat(run("{ event.n != nil }")).isEqualTo("a:a4");
        }

        @Test
        void unscopedAttributesPreferTheSpanThenTheResource() {
            // a1 has span region "span-eu", which hides its resource's "eu"; a2 has none and falls back
            assertThat(run("{ .region = \"eu\" }")).isEqualTo("a:a2");
            assertThat(run("{ .region = \"span-eu\" }")).isEqualTo("a:a1");
            assertThat(run("{ resource.region = \"eu\" }")).isEqualTo("a:a1,a2");
            assertThat(run("{ span.region = \"eu\" }")).isEmpty();
            assertThat(run("{ .region = \"us\" }")).isEqualTo("c:c1");
        }

        @Test
        void resourceAndSpanScopes() {
            assertThat(run("{ resource.env = \"prod\" && span.hit = true }")).isEmpty();
            assertThat(run("{ resource.env = \"dev\" && span.hit = true }")).isEqualTo("a:a4");
            assertThat(run("{ resource.service.name = \"backend\" }")).isEqualTo("a:a3,a4,a5");
        }

        @Test
        void missingServiceNameReadsAsEmptyString() {
            assertThat(run("{ resource.service.name = \"\" }")).isEqualTo("c:c1");
            assertThat(run("{ .service.name != \"frontend\" }")).isEqualTo("a:a3,a4,a5 | c:c1");
        }

        @Test
        void arraysMatchAnyElementAndNotEqualsNeedsAll() {
            assertThat(run("{ span.tags = \"x\" }")).isEqualTo("a:a3");
            assertThat(run("{ span.tags != \"x\" }")).isEmpty();
            assertThat(run("{ span.tags != \"z\" }")).isEqualTo("a:a3");
            assertThat(run("{ span.tags =~ \"y\" }")).isEqualTo("a:a3");
            assertThat(run("{ span.tags !~ \"[xy]\" }")).isEmpty();
            assertThat(run("{ span.tags > \"x\" }")).isEqualTo("a:a3");
            assertThat(run("{ span.tags > \"y\" }")).isEmpty();
        }

        @Test
        void booleans() {
            assertThat(run("{ span.hit = true }")).isEqualTo("a:a4");
            assertThat(run("{ span.hit }")).isEqualTo("a:a4");
            assertThat(run("{ span.hit = false }")).isEqualTo("a:a5");
            assertThat(run("{ span.hit != true }")).isEqualTo("a:a5");
        }

        @Test
        void orWithANilLeftSideIsFalse() {
            // hit || status = error: a4 short-circuits on true; a2 (error, no hit) gives nil || true, which Tempo's
            // type check turns into false
            assertThat(run("{ span.hit || status = error }")).isEqualTo("a:a4");
            assertThat(run("{ status = error || span.hit }")).isEqualTo("a:a2,a4 | b:b2");
        }

        @Test
        void notOfANilFailsTheQuery() {
            assertThatThrownBy(() -> run("{ !span.hit }")).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("expected a boolean");
            assertThat(run("{ span.hit != nil && !span.hit }")).isEqualTo("a:a5");
        }

        @Test
        void integerDivisionByZeroFailsTheQuery() {
            assertThatThrownBy(() -> run("{ span.retries / 0 = 1 }")).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("division by zero");
            // a float divisor is float arithmetic: no error, +Inf
            assertThat(run("{ span.retries / 0.0 > 1000 }")).isEqualTo("a:a2,a3");
        }

        @Test
        void instrumentationScope() {
            assertThat(run("{ instrumentation:name = \"http\" }")).isEqualTo("a:a1,a2");
            assertThat(run("{ instrumentation:version = \"1.0\" && status = error }")).isEqualTo("a:a2");
            assertThat(run("{ instrumentation.lib.lang = \"java\" }")).isEqualTo("a:a1,a2");
            assertThat(run("{ instrumentation:name = \"\" }")).isEqualTo("a:a3,a4,a5 | b:b1,b2 | c:c1");
        }

        @Test
        void eventsMatchWhenOneEventDoes() {
            assertThat(run("{ event.exception.type = \"IOError\" }")).isEqualTo("a:a4");
            assertThat(run("{ event:name = \"exception\" }")).isEqualTo("a:a4");
            // the conditions of one filter hold for the same event
            assertThat(run("{ event:name = \"exception\" && event.n = 2 }")).isEqualTo("a:a4");
            assertThat(run("{ event:name = \"start\" && event.n = 2 }")).isEmpty();
            assertThat(run("{ event:timeSinceStart = 2ms }")).isEqualTo("a:a4");
        }

        @Test
        void links() {
            assertThat(run("{ link:traceID = \"b\" }")).isEqualTo("a:a5");
            assertThat(run("{ link:spanID = \"00000000000000b1\" }")).isEqualTo("a:a5");
            assertThat(run("{ link.rel = \"follows\" && span.hit = false }")).isEqualTo("a:a5");
        }

        @Test
        void traceLevelIntrinsicsHoldForEverySpan() {
            assertThat(run("{ rootName = \"GET /\" }")).isEqualTo("a:a1,a2,a3,a4,a5 | b:b1,b2");
            assertThat(run("{ rootServiceName = \"frontend\" && status = error }")).isEqualTo("a:a2 | b:b2");
            assertThat(run("{ traceDuration > 150ms }")).isEqualTo("b:b1,b2");
            assertThat(run("{ trace:rootService = \"\" }")).isEqualTo("c:c1");
        }

        @Test
        void traceIdsCompareWithoutLeadingZeros() {
            assertThat(run("{ trace:id = \"0000000000000000000000000000000b\" }")).isEqualTo("b:b1,b2");
            assertThat(run("{ trace:id = \"b\" }")).isEqualTo("b:b1,b2");
            assertThat(run("{ trace:id = \"B\" }")).isEmpty();
        }

        @Test
        void spanAndParentIds() {
            assertThat(run("{ span:id = \"00000000000000a3\" }")).isEqualTo("a:a3");
            assertThat(run("{ span:parentID = \"00000000000000a3\" }")).isEqualTo("a:a4,a5");
            assertThat(run("{ span:parentID = \"0000000000000000\" }")).isEqualTo("a:a1 | b:b1 | c:c1");
        }

        @Test
        void childCount() {
            assertThat(run("{ span:childCount = 2 }")).isEqualTo("a:a1,a3");
            assertThat(run("{ span:childCount = 0 && kind = internal }")).isEqualTo("a:a4,a5");
            assertThat(run("{ span:childCount = 1 }")).isEqualTo("b:b1");
        }

        @Test
        void nestedSetIntrinsics() {
            assertThat(run("{ nestedSetParent < 0 }")).isEqualTo("a:a1 | b:b1 | c:c1");
            assertThat(run("{ nestedSetLeft = 4 }")).isEqualTo("a:a3");
            assertThat(run("{ nestedSetRight = 10 }")).isEqualTo("a:a1");
            assertThat(run("{ nestedSetParent = 4 }")).isEqualTo("a:a4,a5");
        }

        @Test
        void parentScopeReadsTheParentSpan() {
            assertThat(runUnchecked("{ parent.resource.service.name = \"frontend\" && resource.service.name = \"backend\" }"))
                .isEqualTo("a:a3");
            assertThat(runUnchecked("{ parent.span.http.status_code = 200 }")).isEqualTo("a:a2,a3");
            assertThat(runUnchecked("{ parent.env = \"prod\" }")).isEqualTo("a:a2,a3");
            // Tempo's checks report the parent scope unsupported
            assertThatThrownBy(() -> run("{ parent.env = \"prod\" }")).isInstanceOf(TraceQlException.class);
        }
    }

    @Nested
    class SpansetOperators {

        @Test
        void child() {
            assertThat(run("{ name = \"GET /\" } > { }")).isEqualTo("a:a2,a3 | b:b2");
            assertThat(run("{ kind = server } > { kind = internal }")).isEqualTo("a:a4,a5");
        }

        @Test
        void descendant() {
            assertThat(run("{ name = \"GET /\" } >> { kind = internal }")).isEqualTo("a:a4,a5");
            assertThat(run("{ name = \"GET /\" } >> { }")).isEqualTo("a:a2,a3,a4,a5 | b:b2");
        }

        @Test
        void parent() {
            assertThat(run("{ kind = internal } < { }")).isEqualTo("a:a3");
            assertThat(run("{ status = error } < { }")).isEqualTo("a:a1 | b:b1");
        }

        @Test
        void ancestor() {
            assertThat(run("{ kind = internal } << { }")).isEqualTo("a:a1,a3");
        }

        @Test
        void sibling() {
            assertThat(run("{ name = \"cache.get\" } ~ { }")).isEqualTo("a:a5");
            assertThat(run("{ name = \"db.query\" } ~ { }")).isEqualTo("a:a3");
            // a span is not its own sibling
            assertThat(run("{ name = \"cache.get\" } ~ { name = \"cache.get\" }")).isEmpty();
        }

        @Test
        void negatedForms() {
            assertThat(run("{ name = \"GET /\" } !> { }")).isEqualTo("a:a1,a4,a5 | b:b1 | c:c1");
            assertThat(run("{ kind = server } !>> { kind = internal }")).isEmpty();
            // an empty left side negates to every right-hand span (trace c has no error span)
            assertThat(run("{ status = error } !>> { }")).isEqualTo("a:a1,a2,a3,a4,a5 | b:b1,b2 | c:c1");
            assertThat(run("{ kind = internal } !< { }")).isEqualTo("a:a1,a2,a4,a5 | b:b1,b2 | c:c1");
            assertThat(run("{ kind = internal } !<< { }")).isEqualTo("a:a2,a4,a5 | b:b1,b2 | c:c1");
            assertThat(run("{ name = \"cache.get\" } !~ { kind = internal }")).isEqualTo("a:a4");
        }

        @Test
        void unionForms() {
            assertThat(run("{ name = \"handle\" } &> { }")).isEqualTo("a:a3,a4,a5");
            assertThat(run("{ kind = internal } &<< { }")).isEqualTo("a:a1,a3,a4,a5");
            assertThat(run("{ kind = internal } &< { }")).isEqualTo("a:a3,a4,a5");
            assertThat(run("{ name = \"GET /\" } &>> { status = error }")).isEqualTo("a:a1,a2 | b:b1,b2");
            assertThat(run("{ name = \"cache.get\" } &~ { }")).isEqualTo("a:a4,a5");
        }

        @Test
        void andKeepsBothSidesWhenBothMatch() {
            assertThat(run("{ name = \"db.query\" } && { kind = server }")).isEqualTo("a:a1,a2,a3");
            assertThat(run("{ name = \"db.query\" } && { span.hit = true }")).isEqualTo("a:a2,a4");
        }

        @Test
        void orIsAUnion() {
            assertThat(run("{ name = \"db.query\" } || { span.hit = true }")).isEqualTo("a:a2,a4 | b:b2");
            assertThat(run("{ name = \"nope\" } || { name = \"GET /health\" }")).isEqualTo("c:c1");
        }

        @Test
        void structuralOperatorsChain() {
            // (roots > children) >> descendants of those children
            assertThat(run("{ nestedSetParent < 0 } > { } >> { }")).isEqualTo("a:a4,a5");
        }

        @Test
        void subPipelineOperands() {
            assertThat(run("({ } | count() > 2) && ({ status = error })")).isEqualTo("a:a1,a2,a3,a4,a5");
        }

        @Test
        void structuralOperatorOverSeveralSpansetsFails() {
            assertThatThrownBy(() -> run("({ } | by(kind)) > ({ })")).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("coalesce");
        }

        @Test
        void noRootMeansNoNestedSets() {
            Trace orphan = trace("d").resource("x").span("d2", "d1", "child", 1).span("d3", "d2", "grandchild", 1).build();
            SearchResult structural = NaiveTraceQl.search("{ } > { }", List.of(orphan));
            assertThat(structural.traces()).isEmpty();
            // childCount is vParquet5's: 0 throughout when the nested sets are not assigned
            assertThat(shortForm(NaiveTraceQl.search("{ nestedSetLeft = 0 && span:childCount = 0 }", List.of(orphan))))
                .isEqualTo("d:d2,d3");
            // the parent scope still follows parent IDs
            assertThat(shortForm(NaiveTraceQl.searchUnchecked("{ parent.resource.service.name = \"x\" }",
                List.of(orphan)))).isEqualTo("d:d3");
        }
    }

    @Nested
    class Pipelines {

        @Test
        void count() {
            assertThat(run("{ } | count() > 3")).isEqualTo("a:a1,a2,a3,a4,a5 count()=5");
            assertThat(run("{ status = error } | count() = 1")).isEqualTo("a:a2 count()=1 | b:b2 count()=1");
        }

        @Test
        void avgOfDurationsIsADuration() {
            // a: (100+30+50+5+7)/5 = 38.4 ms; b: (10+200)/2 = 105 ms
            assertThat(run("{ } | avg(duration) > 60ms")).isEqualTo("b:b1,b2 avg(duration)=\"105ms\"");
        }

        @Test
        void minMaxSum() {
            assertThat(run("{ } | max(duration) >= 200ms")).isEqualTo("b:b1,b2 max(duration)=\"200ms\"");
            assertThat(run("{ } | min(duration) < 2ms")).isEqualTo("c:c1 min(duration)=\"1ms\"");
            assertThat(run("{ kind = internal } | sum(duration) = 12ms")).isEqualTo("a:a4,a5 sum(duration)=\"12ms\"");
        }

        @Test
        void aggregatesSkipNilsAndValuesOfAnotherType() {
            // retries: 3 (int) on a2, 1.5 (float) on a3; the sum keeps the first value's type and skips the other
            assertThat(run("{ } | sum(span.retries) = 3")).isEqualTo("a:a1,a2,a3,a4,a5 sum(span.retries)=3");
            // avg counts both but sums only the int: 3 / 2
            assertThat(run("{ } | avg(span.retries) = 1.5")).isEqualTo("a:a1,a2,a3,a4,a5 avg(span.retries)=1.5");
            // traces where every value is nil drop out
            assertThat(run("{ } | max(span.retries) > 0")).isEqualTo("a:a1,a2,a3,a4,a5 max(span.retries)=3");
        }

        @Test
        void byGroupsSpansets() {
            assertThat(run("{ } | by(resource.service.name)")).isEqualTo(
                "a:a1,a2 by(resource.service.name)=\"frontend\";a3,a4,a5 by(resource.service.name)=\"backend\""
                    + " | b:b1,b2 by(resource.service.name)=\"frontend\" | c:c1 by(resource.service.name)=\"\"");
        }

        @Test
        void byThenCount() {
            assertThat(run("{ } | by(kind) | count() > 1")).isEqualTo(
                "a:a1,a3 by(kind)=\"server\" count()=2;a4,a5 by(kind)=\"internal\" count()=2"
                    + " | b:b1,b2 by(kind)=\"unspecified\" count()=2");
        }

        @Test
        void byGroupsNilValuesTogether() {
            assertThat(run("{ rootServiceName = \"frontend\" } | by(span.hit)")).isEqualTo(
                "a:a1,a2,a3 by(span.hit)=\"nil\";a4 by(span.hit)=true;a5 by(span.hit)=false"
                    + " | b:b1,b2 by(span.hit)=\"nil\"");
        }

        @Test
        void byExpressionNamesFollowTempo() {
            assertThat(run("{ name = \"handle\" } | by(duration > 10ms)"))
                .isEqualTo("a:a3 by(duration > 10ms)=true");
            assertThat(run("{ name = \"handle\" } | by(span.retries * (1 + 1))"))
                .isEqualTo("a:a3 by(span.retries * 2)=3.0");
        }

        @Test
        void coalesceMergesSpansetsAndDropsAttributes() {
            assertThat(run("{ } | by(kind) | coalesce()")).isEqualTo("a:a1,a2,a3,a4,a5 | b:b1,b2 | c:c1");
        }

        @Test
        void filtersAfterByApplyPerGroup() {
            assertThat(run("{ } | by(resource.service.name) | { status = error }")).isEqualTo(
                "a:a2 by(resource.service.name)=\"frontend\" | b:b2 by(resource.service.name)=\"frontend\"");
        }

        @Test
        void selectAddsAttributesToSpans() {
            SearchResult r = NaiveTraceQl.search("{ name = \"handle\" } | select(span.retries, resource.env, status, name)",
                ALL);
            assertThat(r.canonical()).isEqualTo("a: [00000000000000a3] matched=1 | 00000000000000a3{retries=1.5, env=\"dev\", "
                + "status=\"unset\"}");
        }

        @Test
        void selectOfAnUnscopedAttributeGivesSpanAndResourceValues() {
            SearchResult r = NaiveTraceQl.search("{ span:id = \"00000000000000a1\" } | select(.region, nestedSetLeft)", ALL);
            assertThat(r.traces().getFirst().spansets().getFirst().spans().getFirst().attributes())
                .extracting(Object::toString).containsExactly("region=\"span-eu\"", "region=\"eu\"", "nestedSetLeft=1");
        }
    }

    @Nested
    class Model {

        @Test
        void nestedSetsAreNumberedDepthFirstInTraceOrder() {
            TraceView view = new TraceView(A);
            assertThat(view.spans).extracting(Object::toString).containsExactly(
                "00000000000000a1 GET / [1,10]^-1", "00000000000000a2 db.query [2,3]^1",
                "00000000000000a3 handle [4,9]^1", "00000000000000a4 cache.get [5,6]^4",
                "00000000000000a5 cache.set [7,8]^4");
        }

        @Test
        void twoRootsNumberOneAfterTheOtherAndAreSiblings() {
            Trace twoRoots = trace("e").resource("x").span("e1", null, "r1", 1).span("e2", null, "r2", 1)
                .span("e3", "e1", "c", 1).build();
            assertThat(new TraceView(twoRoots).spans).extracting(Object::toString).containsExactly(
                "00000000000000e1 r1 [1,4]^-1", "00000000000000e2 r2 [5,6]^-1", "00000000000000e3 c [2,3]^1");
            assertThat(shortForm(NaiveTraceQl.search("{ name = \"r1\" } ~ { }", List.of(twoRoots)))).isEqualTo("e:e2");
        }

        @Test
        void sharedClientServerIdsAreToldApartByKind() {
            // Zipkin style: client and server span share ID f2; the server's parent is the client, the child's the server
            Trace zipkin = trace("f").resource("x")
                .span("f1", null, "root", 1)
                .span("f2", "f1", "client", 1, s -> s.setKind(SpanKind.SPAN_KIND_CLIENT))
                .span("f2", "f2", "server", 1, s -> s.setKind(SpanKind.SPAN_KIND_SERVER))
                .span("f3", "f2", "work", 1)
                .build();
            assertThat(new TraceView(zipkin).spans).extracting(Object::toString).containsExactly(
                "00000000000000f1 root [1,8]^-1", "00000000000000f2 client [2,7]^1",
                "00000000000000f2 server [3,6]^2", "00000000000000f3 work [4,5]^3");
        }

        @Test
        void anIdUsedThreeTimesResetsTheNumbering() {
            Trace broken = trace("9").resource("x").span("91", null, "root", 1).span("92", "91", "a", 1)
                .span("92", "91", "b", 1).span("92", "91", "c", 1).build();
            assertThat(new TraceView(broken).spans).allSatisfy(s -> {
                assertThat(s.nestedSetLeft).isZero();
                assertThat(s.nestedSetRight).isZero();
                assertThat(s.nestedSetParent).isZero();
            });
        }

        @Test
        void attributeValuesAsVParquet4KeepsThem() {
            Trace t = trace("1").resource("x").span("11", null, "s", 1, s -> s
                .addAttributes(kv("one", List.of(7)))
                .addAttributes(kv("mixed", List.of("a", 1)))
                .addAttributes(kv("empty", List.of()))
                .addAttributes(kv("bytes", new byte[] {1}))
                .addAttributes(kv("ints", List.of(1, 2)))).build();
            assertThat(runOn(t, "{ span.one = 7 }")).isEqualTo("1:11");
            assertThat(runOn(t, "{ span.mixed != nil }")).isEmpty();
            assertThat(runOn(t, "{ span.empty != nil }")).isEmpty();
            assertThat(runOn(t, "{ span.bytes != nil }")).isEmpty();
            assertThat(runOn(t, "{ span.ints = 2 && span.ints < 2 && span.ints != 3 }")).isEqualTo("1:11");
        }

        private String runOn(Trace t, String query) {
            return shortForm(NaiveTraceQl.search(query, List.of(t)));
        }

        @Test
        void traceWithoutSpansIsNeverAResult() {
            Trace empty = new Trace(new byte[16], 0, 0, 0, "", "", java.util.Map.of(), List.of());
            assertThat(NaiveTraceQl.search("{}", List.of(empty)).traces()).isEmpty();
        }

        @Test
        void canonicalFormIsSortedWithinATrace() {
            SearchResult r = NaiveTraceQl.search("{ } | by(kind) | count() > 1", ALL);
            assertThat(r.canonical()).isEqualTo(
                "a: [00000000000000a1 00000000000000a3] matched=2 by(kind)=\"server\" count()=2; "
                    + "[00000000000000a4 00000000000000a5] matched=2 by(kind)=\"internal\" count()=2\n"
                    + "b: [00000000000000b1 00000000000000b2] matched=2 by(kind)=\"unspecified\" count()=2");
        }

        @Test
        void metricsQueriesAreNotSearched() {
            assertThatThrownBy(() -> NaiveTraceQl.search("{ } | rate()", ALL)).isInstanceOf(EvaluationException.class);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0s", "1|1ns", "1500|1.5µs", "1000000|1ms", "1500000|1.5ms", "1000000000|1s", "1500000000|1.5s",
        "90000000000|1m30s", "3600000000000|1h0m0s", "-2000000|-2ms", "3723000000001|1h2m3.000000001s"})
    void goDurationText(long nanos, String text) {
        assertThat(GoFormat.duration(nanos)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5|1.5", "2|2", "100000|100000", "1000000|1e+06", "1234567|1.234567e+06", "0.0001|0.0001", "0.00001|1e-05",
        "-3.25|-3.25"})
    void goFloatText(double f, String text) {
        assertThat(GoFormat.floatG(f)).isEqualTo(text);
    }
}
