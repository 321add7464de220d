package io.pqflux.tempo.query.oracle;

import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.query.QueryJson;

import static io.pqflux.tempo.query.oracle.TestTraces.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.query.TagNames;
import io.pqflux.tempo.query.TagValues;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TagsRequest;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag names and values of a small hand-built block, the expected lists written by hand from Tempo's rules (docs/tempo.md
 * § "Tag names and values"). The block has a dedicated resource column {@code team} and a dedicated span column
 * {@code db.system}; {@code cluster}, {@code http.method} and {@code http.status_code} are well-known columns.
 */
class TagHandBuiltTest {

    private static TempoTenant tenant;

    @BeforeAll
    static void write(@TempDir Path root) {
        Trace cart = TestTraces.trace("a1")
                .resource("cart", kv("team", "core"), kv("cluster", "c1"), kv("region", "eu"))
                .scope("lib", "1.0", kv("scope.attr", "x"))
                .span("1", null, "GET /cart", 5, s -> s.setKind(Span.SpanKind.SPAN_KIND_SERVER)
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
                        .addAttributes(kv("http.method", "GET")).addAttributes(kv("http.status_code", 200))
                        .addAttributes(kv("db.system", "redis")).addAttributes(kv("retries", 3))
                        .addAttributes(kv("ratio", 0.5)).addAttributes(kv("ok", true))
                        .addAttributes(kv("tags", List.of("a", "b"))).addAttributes(kv("mixed", List.of(1, "x")))
                        .addAttributes(kv("empty", ""))
                        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(TestTraces.BASE + 1)
                                .addAttributes(kv("exception.type", "IOError")))
                        .addLinks(Span.Link.newBuilder().setTraceId(TestTraces.id("b2")).setSpanId(TestTraces.spanId("3"))
                                .addAttributes(kv("link.kind", "follows"))))
                .span("2", "1", "SELECT", 2, s -> s.addAttributes(kv("http.status_code", "404")))
                .build();
        Trace auth = TestTraces.trace("b2")
                .resource("auth", kv("region", "us"))
                .span("3", null, "login", 3, s -> s.addAttributes(kv("http.method", "POST")).addAttributes(kv("ratio", 2.0)))
                .build();
        TempoBlockWriter.Settings settings = new TempoBlockWriter.Settings("hand", UUID.nameUUIDFromBytes(new byte[] {1}),
                List.of(new DedicatedColumn(DedicatedColumn.Scope.RESOURCE, DedicatedColumn.Type.STRING, "team", Set.of()),
                        new DedicatedColumn(DedicatedColumn.Scope.SPAN, DedicatedColumn.Type.STRING, "db.system", Set.of())),
                100_000_000L, 256 << 10, 0.01, 100 << 10, null);
        TempoBlockWriter.write(root, settings, List.of(cart.toTracesData(), auth.toTracesData()));
        tenant = TempoTenant.local(root, "hand");
    }

    private static TagNames names(TagsRequest request) {
        return TempoQuerier.of(tenant).tagNames(request).block();
    }

    private static List<String> values(String tag, String q) {
        TagValues values = TempoQuerier.of(tenant).tagValues(TagValuesRequest.of(tag).withQuery(q)).block();
        return values.values().stream().map(v -> v.type() + ":" + v.value()).toList();
    }

    @Test
    void namesPerScope() {
        TagNames all = names(TagsRequest.all());
        assertThat(all.scopes()).extracting(TagNames.ScopeNames::name)
                .containsExactly("resource", "span", "event", "link", "instrumentation", "intrinsic");
        assertThat(all.scope("resource")).containsExactly("cluster", "region", "service.name", "team");
        assertThat(all.scope("span")).containsExactly("db.system", "empty", "http.method", "http.status_code", "mixed",
                "ok", "ratio", "retries", "tags");
        assertThat(all.scope("event")).containsExactly("exception.type");
        assertThat(all.scope("link")).containsExactly("link.kind");
        assertThat(all.scope("instrumentation")).containsExactly("scope.attr");
        assertThat(all.scope("intrinsic")).hasSize(25).contains("name", "rootServiceName", "span:kind", "trace:id")
                .doesNotContain("nestedSetLeft").isSorted();
        assertThat(names(TagsRequest.all().withScope(TagsRequest.Scope.LINK)).scopes()).extracting(TagNames.ScopeNames::name)
                .containsExactly("link");
        assertThat(names(TagsRequest.all().withScope(TagsRequest.Scope.INTRINSIC)).scopes()).hasSize(1);
        assertThat(names(TagsRequest.all().withScope(TagsRequest.Scope.SPAN).withLimit(3)).scope("span"))
                .containsExactly("db.system", "empty", "http.method");
    }

    @Test
    void namesWithAFilter() {
        // special columns with a value anywhere in the block, generic keys of the matching span (login) only
        TagNames auth = names(TagsRequest.all().withQuery("{ resource.service.name = \"auth\" }"));
        assertThat(auth.scope("resource")).containsExactly("cluster", "region", "service.name", "team");
        assertThat(auth.scope("span")).containsExactly("db.system", "http.method", "http.status_code", "ratio");
        assertThat(auth.scope("event")).isEmpty();
        assertThat(auth.scope("link")).isEmpty();
        // the SELECT span: its string http.status_code is a generic attribute
        assertThat(names(TagsRequest.all().withQuery("{ name = \"SELECT\" }")).scope("span"))
                .containsExactly("db.system", "http.method", "http.status_code");
        assertThat(names(TagsRequest.all().withQuery("{ span.retries = 3 }")).scope("event")).containsExactly("exception.type");
        // an unscoped condition, a filter that does not parse, a structural query: as without a filter
        TagNames all = names(TagsRequest.all());
        assertThat(names(TagsRequest.all().withQuery("{ .region = \"us\" }"))).isEqualTo(withMetrics(all, "{ .region = \"us\" }"));
        assertThat(names(TagsRequest.all().withQuery("{ span.a = ")).scopes()).isEqualTo(all.scopes());
        assertThat(names(TagsRequest.all().withQuery("{ .a } > { .b }")).scopes()).isEqualTo(all.scopes());
    }

    private static TagNames withMetrics(TagNames names, String q) {
        TagNames filtered = names(TagsRequest.all().withQuery(q));
        return new TagNames(names.scopes(), filtered.metrics());
    }

    @Test
    void valuesOfEveryKind() {
        assertThat(values("span.http.method", null)).containsExactly("string:GET", "string:POST");
        assertThat(values("span.http.status_code", null)).containsExactly("int:200", "string:404");
        assertThat(values(".http.status_code", null)).containsExactly("int:200", "string:404");
        assertThat(values("resource.region", null)).containsExactly("string:eu", "string:us");
        assertThat(values(".region", null)).containsExactly("string:eu", "string:us");
        assertThat(values("resource.team", null)).containsExactly("string:core");
        assertThat(values(".db.system", null)).containsExactly("string:redis");
        assertThat(values("span.ratio", null)).containsExactly("float:0.5", "float:2.0");
        assertThat(values("span.ok", null)).containsExactly("bool:true");
        assertThat(values("span.retries", null)).containsExactly("int:3");
        assertThat(values("span.tags", null)).containsExactly("string:a", "string:b");
        assertThat(values("span.mixed", null)).isEmpty();
        assertThat(values("span.empty", null)).containsExactly("string:");
        assertThat(values("span.region", null)).isEmpty();
        assertThat(values("name", null)).containsExactly("string:GET /cart", "string:SELECT", "string:login");
        assertThat(values("span:name", null)).containsExactly("string:GET /cart", "string:SELECT", "string:login");
        assertThat(values("statusMessage", null)).containsExactly("string:", "string:boom");
        assertThat(values("rootServiceName", null)).containsExactly("string:auth", "string:cart");
        assertThat(values("rootName", null)).containsExactly("string:GET /cart", "string:login");
        assertThat(values("event:name", null)).containsExactly("string:exception");
        assertThat(values("event.exception.type", null)).containsExactly("string:IOError");
        assertThat(values(".exception.type", null)).isEmpty(); // unscoped reads no events
        assertThat(values("link.link.kind", null)).containsExactly("string:follows");
        assertThat(values("instrumentation.scope.attr", null)).containsExactly("string:x");
        assertThat(values(".scope.attr", null)).containsExactly("string:x"); // without a filter, unscoped reads scopes
        assertThat(values("instrumentation:name", null)).containsExactly("string:", "string:lib");
        assertThat(values("instrumentation:version", null)).containsExactly("string:", "string:1.0");
        assertThat(values("status", null)).containsExactly("keyword:error", "keyword:ok", "keyword:unset");
        assertThat(values("kind", "{ name = \"x\" }")).hasSize(6);
        assertThat(values("duration", null)).isEmpty();
        assertThat(values("traceDuration", null)).isEmpty();
    }

    @Test
    void valuesWithAFilter() {
        assertThat(values("span.http.method", "{ resource.service.name = \"auth\" }")).containsExactly("string:POST");
        // a group that fixes the tag answers with its literal, read or not
        assertThat(values("span.http.method", "{ span.http.method = \"PUT\" }")).containsExactly("string:PUT");
        assertThat(values("span.retries", "{ span.http.method = \"GET\" && span.retries = 4 }")).containsExactly("int:4");
        assertThat(values("span.http.method", "{ span.http.method = \"PUT\" || name = \"login\" }"))
                .containsExactly("string:POST", "string:PUT");
        assertThat(values(".http.status_code", "{ name = \"SELECT\" || name = \"login\" }")).containsExactly("string:404");
        assertThat(values("name", "{ span.retries > 1 }")).containsExactly("string:GET /cart");
        assertThat(values("name", "{ event:name = \"exception\" }")).containsExactly("string:GET /cart");
        assertThat(values("rootServiceName", "{ name = \"SELECT\" }")).containsExactly("string:cart");
        // a metrics query's filter: its first metrics pipeline's
        assertThat(values("span.http.method", "{ resource.service.name = \"auth\" } | rate()")).containsExactly("string:POST");
        assertThat(values("span.http.method", "({ resource.service.name = \"auth\" } | rate()) / ({ } | rate())"))
                .containsExactly("string:POST");
        // unscoped with a filter: resource and span attributes of the matching spans, no scope attributes
        assertThat(values(".region", "{ span.http.method = \"POST\" }")).containsExactly("string:us");
        assertThat(values(".scope.attr", "{ span.http.method = \"GET\" }")).isEmpty();
        assertThat(values("instrumentation.scope.attr", "{ span.http.method = \"GET\" }")).containsExactly("string:x");
        // ignored filters
        assertThat(values("span.http.method", "{ span.http.method = ")).containsExactly("string:GET", "string:POST");
        assertThat(values("span.http.method", "{}")).containsExactly("string:GET", "string:POST");
        assertThat(values("span.http.method", "{ .a } >> { .b }")).containsExactly("string:GET", "string:POST");
        assertThat(values("span.http.method", "{ .region || span.ok = true }")).containsExactly("string:GET", "string:POST");
    }

    @Test
    void limitsAndJson() {
        TagValues limited = TempoQuerier.of(tenant).tagValues(TagValuesRequest.of("name").withLimit(2)).block();
        assertThat(limited.values()).hasSize(2);
        String v2 = QueryJson.tagValuesV2(TempoQuerier.of(tenant).tagValues(TagValuesRequest.of("span.http.status_code")).block());
        assertThat(v2).startsWith("{\"tagValues\":[{\"type\":\"int\",\"value\":\"200\"},{\"type\":\"string\",\"value\":\"404\"}],\"metrics\":{\"inspectedBytes\":\"");
        assertThat(v2).contains("\"totalJobs\":1,\"completedJobs\":1,\"totalBlocks\":1,\"totalBlockBytes\":\"");
        assertThat(QueryJson.tagValuesV1(TempoQuerier.of(tenant).tagValues(TagValuesRequest.of("span.http.status_code")).block()))
                .startsWith("{\"tagValues\":[\"200\",\"404\"],\"metrics\":{");
        assertThat(QueryJson.tagsV2(names(TagsRequest.all().withScope(TagsRequest.Scope.LINK))))
                .startsWith("{\"scopes\":[{\"name\":\"link\",\"tags\":[\"link.kind\"]}],\"metrics\":{");
        assertThat(QueryJson.tagsV1(names(TagsRequest.all().withScope(TagsRequest.Scope.RESOURCE))))
                .startsWith("{\"tagNames\":[\"cluster\",\"region\",\"service.name\",\"team\"],\"metrics\":{");
        assertThat(QueryJson.tagsV1(names(TagsRequest.all()))).doesNotContain("rootServiceName");
        assertThat(QueryJson.tagsV1(names(TagsRequest.all().withScope(TagsRequest.Scope.INTRINSIC)))).contains("rootServiceName");
    }

    @Test
    void badAndUnsupportedTags() {
        assertThatThrownBy(() -> TempoQuerier.of(tenant).tagValues(TagValuesRequest.of("span.a = 1")).block())
                .isInstanceOfSatisfying(TraceQlException.class, e -> assertThat(e.reason()).isEqualTo(TraceQlException.Reason.PARSE_ERROR))
                .hasMessageContaining("bad tag name");
        assertThatThrownBy(() -> TempoQuerier.of(tenant).tagValues(TagValuesRequest.of("foo bar")).block())
                .isInstanceOf(TraceQlException.class);
        for (String tag : List.of("trace:id", "span:id", "span:parentID", "link:traceID", "event:timeSinceStart",
                "nestedSetLeft", "trace:duration", "parent.foo")) {
            assertThatThrownBy(() -> TempoQuerier.of(tenant).tagValues(TagValuesRequest.of(tag)).block()).as(tag)
                    .isInstanceOfSatisfying(TraceQlException.class, e -> assertThat(e.reason()).isEqualTo(TraceQlException.Reason.UNSUPPORTED));
        }
        assertThatThrownBy(() -> TagsRequest.Scope.parse("spans")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scope 'spans'");
    }
}
