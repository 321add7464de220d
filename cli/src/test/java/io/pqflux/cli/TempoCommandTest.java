package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pqflux tempo} on the bundled vParquet4 block's backend root. */
class TempoCommandTest {

    private static final String ROOT = Corpus.tempoBlock().getParent().getParent().toString();
    private static final String BLOCK = "b27b0e53-66a0-4505-afd6-434ae3cd4a10";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void blocksListsTheTenantsBlock() {
        CliRun run = CliRun.run("tempo", "blocks", ROOT, "single-tenant");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2);
        assertThat(run.out().lines().toList().get(1)).startsWith(BLOCK + "\tvParquet4\t2022-07-04T11:11:09Z\t2022-07-04T11:11:35Z\t134\t77187\t1\t1");
        CliRun none = CliRun.run("tempo", "blocks", ROOT, "single-tenant", "--start", "2030-01-01T00:00:00Z");
        assertThat(none.out().lines().toList()).hasSize(1);
        assertThat(run.out().lines().toList().get(1)).endsWith("\tok");
    }

    /** A meta's counts are claims: blocks shows data.parquet's figures and the ones the meta gets wrong. */
    @Test
    void blocksShowsTheFilesFiguresAndWhatTheMetaClaimsAgainstThem(@TempDir Path root) throws IOException {
        Path block = Files.createDirectories(root.resolve("single-tenant").resolve(BLOCK));
        Files.copy(Corpus.tempoBlock().resolve("data.parquet"), block.resolve("data.parquet"));
        String meta = Files.readString(Corpus.tempoBlock().resolve("meta.json"));
        Files.writeString(block.resolve("meta.json"), meta.replaceFirst("\"totalObjects\":\\d+", "\"totalObjects\":1000000000000000")
                .replaceFirst("\"size\":\\d+", "\"size\":4611686018427387904"));
        CliRun run = CliRun.run("tempo", "blocks", root.toString(), "single-tenant");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList().get(1)).isEqualTo(BLOCK + "\tvParquet4\t2022-07-04T11:11:09Z\t2022-07-04T11:11:35Z"
                + "\t134\t77187\t1\t1\tcontradicted: totalObjects 1000000000000000 (data.parquet: 134 rows); "
                + "size 4611686018427387904 (data.parquet: 77187 bytes)");
    }

    /** A block whose data.parquet cannot be read is listed as such; the others are listed as they are. */
    @Test
    void blocksListsAnUnreadableBlockAndTheRest(@TempDir Path root) throws IOException {
        String broken = "0aaaaaaa-0000-4000-8000-000000000001";
        Path good = Files.createDirectories(root.resolve("single-tenant").resolve(BLOCK));
        Path bad = Files.createDirectories(root.resolve("single-tenant").resolve(broken));
        String meta = Files.readString(Corpus.tempoBlock().resolve("meta.json"));
        for (Path block : List.of(good, bad)) {
            Files.copy(Corpus.tempoBlock().resolve("data.parquet"), block.resolve("data.parquet"));
            Files.writeString(block.resolve("meta.json"), meta.replace(BLOCK, block.getFileName().toString()));
        }
        byte[] data = Files.readAllBytes(bad.resolve("data.parquet"));
        Files.write(bad.resolve("data.parquet"), java.util.Arrays.copyOf(data, data.length - 4)); // no PAR1 at the end

        CliRun run = CliRun.run("tempo", "blocks", root.toString(), "single-tenant");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(line -> assertThat(line).isEqualTo(broken + "\tvParquet4\t2022-07-04T11:11:09Z"
                + "\t2022-07-04T11:11:35Z\t-\t-\t-\t1\tunreadable data.parquet"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(BLOCK + "\tvParquet4\t").endsWith("\t134\t77187\t1\t1\tok"));
        assertThat(run.err()).startsWith("pqflux: ").contains(bad.resolve("data.parquet").toString())
                .doesNotContain("Exception");
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void catPrintsOneOtlpJsonTracesDataPerTrace() throws Exception {
        CliRun run = CliRun.run("tempo", "cat", ROOT, "single-tenant", BLOCK);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(134);
        JsonNode first = JSON.readTree(lines.getFirst());
        assertThat(first.at("/resourceSpans/0/scopeSpans/0/spans/0/traceId").asText()).isEqualTo("000000000000000000474be8b43449fb");
        assertThat(first.at("/resourceSpans/0/scopeSpans/0/spans/0/startTimeUnixNano").asText()).isEqualTo("1656933075267000000");
        int spans = 0;
        for (String line : lines) {
            for (JsonNode rs : JSON.readTree(line).get("resourceSpans")) {
                for (JsonNode ss : rs.get("scopeSpans")) spans += ss.get("spans").size();
            }
        }
        assertThat(spans).isEqualTo(570);
    }

    @Test
    void catShowsProgressOnStderrWithoutChangingItsOutput() {
        CliRun quiet = CliRun.run("tempo", "cat", ROOT, "single-tenant", BLOCK, "--preset", "summary", "--progress", "never");
        CliRun shown = CliRun.run("tempo", "cat", ROOT, "single-tenant", BLOCK, "--preset", "summary", "--progress", "always");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        // the line itself (throttled, drawn on stderr) is ProgressBarTest's subject; here: it leaves the output alone
        assertThat(shown.out()).isEqualTo(quiet.out()).hasLineCount(134);
        assertThat(shown.err()).doesNotContain("pqflux:");
    }

    @Test
    void catSummaryPrintsTheTraceLevelColumns() throws Exception {
        CliRun run = CliRun.run("tempo", "cat", ROOT, "single-tenant", BLOCK, "--preset", "summary");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode first = JSON.readTree(run.out().lines().findFirst().orElseThrow());
        assertThat(first.get("traceId").asText()).isEqualTo("000000000000000000474be8b43449fb");
        assertThat(first.get("durationNano").asText()).isEqualTo("420000000");
        assertThat(first.get("rootServiceName").asText()).isEqualTo("frontend");
        assertThat(first.get("rootSpanName").asText()).isEqualTo("/cart");
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void traceFindsAnIdInTempoV1ShapeAndReportsStats() throws Exception {
        CliRun run = CliRun.run("tempo", "trace", ROOT, "single-tenant", "474BE8B43449FB", "--format", "tempo-v1", "--stats");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode v1 = JSON.readTree(run.out());
        assertThat(v1.get("batches")).hasSize(4);
        assertThat(v1.at("/batches/0/scopeSpans/0/spans/0/traceId").asText()).isEqualTo("AAAAAAAAAAAAR0votDRJ+w==");
        assertThat(run.err()).contains("blocks searched 1, bloom positive 1, found in 1");
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void searchFindsTheTracesTheirOtlpSays() throws Exception {
        // the oracle: every trace's OTLP, from cat, looked through for a span of service cartservice named /GetCart
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (String line : CliRun.run("tempo", "cat", ROOT, "single-tenant", BLOCK).out().lines().toList()) {
            for (JsonNode rs : JSON.readTree(line).get("resourceSpans")) {
                boolean cart = false;
                for (JsonNode attribute : rs.at("/resource/attributes")) {
                    cart |= attribute.get("key").asText().equals("service.name")
                            && attribute.at("/value/stringValue").asText().equals("cartservice");
                }
                for (JsonNode ss : rs.get("scopeSpans")) {
                    for (JsonNode span : ss.get("spans")) {
                        if (cart && span.get("name").asText().equals("/GetCart")) {
                            expected.add(span.get("traceId").asText().replaceFirst("^0+", ""));
                        }
                    }
                }
            }
        }
        assertThat(expected).isNotEmpty();
        CliRun run = CliRun.run("tempo", "search", ROOT, "single-tenant",
                "{ resource.service.name = \"cartservice\" && name = \"/GetCart\" }", "--limit", "0", "--spss", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode response = JSON.readTree(run.out());
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (JsonNode trace : response.get("traces")) {
            found.add(trace.get("traceID").asText());
            assertThat(trace.at("/spanSets/0/spans")).hasSize(1);
            assertThat(trace.at("/spanSets/0/spans/0/name").asText()).isEqualTo("/GetCart");
        }
        assertThat(found).isEqualTo(expected);
        assertThat(response.at("/metrics/inspectedTraces").asInt()).isEqualTo(134);
        assertThat(response.at("/metrics/inspectedSpans").asText()).isEqualTo("570");
    }

    /** Every span of the block counted once: per service, the spans cat's OTLP gives that service. */
    @Test
    void metricsCountsTheSpansTheirOtlpSays() throws Exception {
        java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
        for (String line : CliRun.run("tempo", "cat", ROOT, "single-tenant", BLOCK).out().lines().toList()) {
            for (JsonNode rs : JSON.readTree(line).get("resourceSpans")) {
                String service = "";
                for (JsonNode attribute : rs.at("/resource/attributes")) {
                    if (attribute.get("key").asText().equals("service.name")) service = attribute.at("/value/stringValue").asText();
                }
                for (JsonNode ss : rs.get("scopeSpans")) expected.merge(service, ss.get("spans").size(), Integer::sum);
            }
        }
        CliRun run = CliRun.run("tempo", "metrics", ROOT, "single-tenant",
                "{ } | count_over_time() by (resource.service.name)", "--start", "2022-07-04T11:00:00Z",
                "--end", "2022-07-04T12:00:00Z", "--step", "60");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode response = JSON.readTree(run.out());
        java.util.Map<String, Integer> counted = new java.util.TreeMap<>();
        for (JsonNode series : response.get("series")) {
            assertThat(series.at("/labels/0/key").asText()).isEqualTo("resource.service.name");
            assertThat(series.get("samples")).hasSize(61); // 11:00 .. 12:00 by a minute, one step in front
            int sum = 0;
            for (JsonNode sample : series.get("samples")) sum += sample.path("value").asInt(0);
            counted.put(series.at("/labels/0/value/stringValue").asText(), sum);
        }
        assertThat(counted).isEqualTo(expected);
        assertThat(response.at("/series/0/samples/0/timestampMs").asText()).isEqualTo("1656932400000");

        CliRun instant = CliRun.run("tempo", "metrics", ROOT, "single-tenant", "{ } | count_over_time()", "--start",
                "1656932400", "--end", "1656936000", "--instant");
        assertThat(instant.exitCode()).as(instant.err()).isZero();
        assertThat(JSON.readTree(instant.out()).at("/series/0/value").asInt())
                .isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** compare(): per attribute value, the spans of the selection and of the baseline; totals labelled "nil". */
    @Test
    void metricsCompareAnswersTempoShapedSeries() throws Exception {
        CliRun run = CliRun.run("tempo", "metrics", ROOT, "single-tenant", "{ } | compare({ name = \"/GetProducts\" }, 2)",
                "--start", "1656932400", "--end", "1656936000", "--instant");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode series = JSON.readTree(run.out()).get("series");
        java.util.Set<String> metaTypes = new java.util.TreeSet<>();
        for (JsonNode s : series) {
            assertThat(s.get("labels")).hasSize(2);
            assertThat(s.at("/labels/0/key").asText()).isEqualTo("__meta_type");
            metaTypes.add(s.at("/labels/0/value/stringValue").asText());
            if (s.at("/labels/0/value/stringValue").asText().endsWith("_total")) {
                assertThat(s.at("/labels/1/value/stringValue").asText()).isEqualTo("nil");
            }
            if (s.at("/labels/1/key").asText().equals("name")
                    && s.at("/labels/0/value/stringValue").asText().equals("selection")) {
                assertThat(s.at("/labels/1/value/stringValue").asText()).isEqualTo("/GetProducts");
            }
        }
        assertThat(metaTypes).as(run.out()).containsExactly("baseline", "baseline_total", "selection", "selection_total");
    }

    @Test
    void metricsRejectsABadQueryWithItsPositionAndNeedsARange() {
        CliRun bad = CliRun.run("tempo", "metrics", ROOT, "single-tenant", "{ } | rate(", "--start", "1656932400",
                "--end", "1656936000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("1:");
        CliRun compare = CliRun.run("tempo", "metrics", ROOT, "single-tenant", "{ } | compare({ status = error }, 0)",
                "--start", "1656932400", "--end", "1656936000");
        assertThat(compare.exitCode()).isEqualTo(2);
        assertThat(compare.err()).contains("compare()").contains("between 1 and 1000");
        assertThat(CliRun.run("tempo", "metrics", ROOT, "single-tenant", "{ } | rate()").exitCode()).isEqualTo(2);
    }

    @Test
    void queriesOverTheirLimitsAreUsageErrorsNamingTheLimit() {
        CliRun tooFine = CliRun.run("tempo", "metrics", ROOT, "single-tenant", "{ } | rate()", "--start", "1656932400",
                "--end", "1656936000", "--step", "1ms");
        assertThat(tooFine.exitCode()).isEqualTo(2);
        assertThat(tooFine.err()).isEqualTo("pqflux: the step PT0.001S makes 3600001 intervals of the range; the limit is "
                + "10000: use a larger step or a shorter range (see 'pqflux tempo metrics --help')\n");
        assertThat(CliRun.run("tempo", "metrics", ROOT, "single-tenant", "{ } | rate()", "--start", "1656932400",
                "--end", "1656936000", "--step", "100ms", "--max-intervals", "40000").exitCode()).isZero();
        CliRun search = CliRun.run("tempo", "search", ROOT, "single-tenant", "{ }", "--limit", "5", "--max-traces", "4");
        assertThat(search.exitCode()).isEqualTo(2);
        assertThat(search.err()).startsWith("pqflux: limit 5 is above the limit of 4 traces");
        assertThat(CliRun.run("tempo", "search", ROOT, "single-tenant", "{ }", "--spss", "101").err())
                .startsWith("pqflux: spss 101 is above the limit of 100 spans per spanset");
        CliRun values = CliRun.run("tempo", "tag-values", ROOT, "single-tenant", "name", "--max-values", "0");
        assertThat(values.exitCode()).isEqualTo(2);
        assertThat(values.err()).startsWith("pqflux: --max-values 0 must be at least 1");
    }

    @Test
    void searchRejectsABadQueryWithItsPosition() {
        CliRun run = CliRun.run("tempo", "search", ROOT, "single-tenant", "{ name = ");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("1:");
    }

    @Test
    void anAbsentTraceExitsWithNotFound() {
        CliRun run = CliRun.run("tempo", "trace", ROOT, "single-tenant", "deadbeef");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("trace 000000000000000000000000deadbeef not found in tenant single-tenant");
        CliRun bad = CliRun.run("tempo", "trace", ROOT, "single-tenant", "not-hex");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("not-hex");
    }

    /** Per resource of the bundled block's OTLP (from {@code cat}): its attributes and its spans. */
    private static List<JsonNode> resources() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : CliRun.run("tempo", "cat", ROOT, "single-tenant", BLOCK).out().lines().toList()) {
            for (JsonNode rs : JSON.readTree(line).get("resourceSpans")) out.add(rs);
        }
        return out;
    }

    private static String serviceName(JsonNode rs) {
        for (JsonNode attribute : rs.at("/resource/attributes")) {
            if (attribute.get("key").asText().equals("service.name")) return attribute.at("/value/stringValue").asText();
        }
        return null;
    }

    @Test
    void tagsListTheOtlpsAttributeNamesPerScope() throws Exception {
        java.util.Set<String> resource = new java.util.TreeSet<>();
        java.util.Set<String> span = new java.util.TreeSet<>();
        for (JsonNode rs : resources()) {
            for (JsonNode attribute : rs.at("/resource/attributes")) resource.add(attribute.get("key").asText());
            for (JsonNode ss : rs.get("scopeSpans")) {
                for (JsonNode s : ss.get("spans")) {
                    for (JsonNode attribute : s.path("attributes")) span.add(attribute.get("key").asText());
                }
            }
        }
        CliRun run = CliRun.run("tempo", "tags", ROOT, "single-tenant");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode response = JSON.readTree(run.out());
        java.util.Map<String, List<String>> scopes = new java.util.TreeMap<>();
        for (JsonNode scope : response.get("scopes")) {
            List<String> tags = new java.util.ArrayList<>();
            scope.get("tags").forEach(t -> tags.add(t.asText()));
            scopes.put(scope.get("name").asText(), tags);
        }
        assertThat(scopes.get("resource")).containsExactlyElementsOf(resource);
        assertThat(scopes.get("span")).containsExactlyElementsOf(span);
        assertThat(scopes.get("intrinsic")).contains("name", "status", "rootServiceName");
        assertThat(response.at("/metrics/totalBlocks").asInt()).isEqualTo(1);

        CliRun resourceOnly = CliRun.run("tempo", "tags", ROOT, "single-tenant", "--scope", "resource", "--v1");
        assertThat(resourceOnly.exitCode()).as(resourceOnly.err()).isZero();
        List<String> v1 = new java.util.ArrayList<>();
        JSON.readTree(resourceOnly.out()).get("tagNames").forEach(t -> v1.add(t.asText()));
        assertThat(v1).containsExactlyElementsOf(resource);
    }

    @Test
    void tagValuesAreTheOtlpsValuesAlsoUnderAFilter() throws Exception {
        java.util.Set<String> services = new java.util.TreeSet<>();
        java.util.Set<String> cartSpanNames = new java.util.TreeSet<>();
        for (JsonNode rs : resources()) {
            String service = serviceName(rs);
            services.add(service);
            for (JsonNode ss : rs.get("scopeSpans")) {
                for (JsonNode s : ss.get("spans")) {
                    if ("cartservice".equals(service)) cartSpanNames.add(s.get("name").asText());
                }
            }
        }
        CliRun run = CliRun.run("tempo", "tag-values", ROOT, "single-tenant", "resource.service.name");
        assertThat(run.exitCode()).as(run.err()).isZero();
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (JsonNode value : JSON.readTree(run.out()).get("tagValues")) {
            assertThat(value.get("type").asText()).isEqualTo("string");
            found.add(value.get("value").asText());
        }
        assertThat(found).isEqualTo(services);

        CliRun filtered = CliRun.run("tempo", "tag-values", ROOT, "single-tenant", "name",
                "--query", "{ resource.service.name = \"cartservice\" }", "--v1");
        assertThat(filtered.exitCode()).as(filtered.err()).isZero();
        java.util.Set<String> names = new java.util.TreeSet<>();
        JSON.readTree(filtered.out()).get("tagValues").forEach(v -> names.add(v.asText()));
        assertThat(names).isNotEmpty().isEqualTo(cartSpanNames);

        CliRun status = CliRun.run("tempo", "tag-values", ROOT, "single-tenant", "status", "--limit", "2");
        assertThat(status.out().trim()).startsWith("{\"tagValues\":[{\"type\":\"keyword\",\"value\":\"error\"},"
                + "{\"type\":\"keyword\",\"value\":\"ok\"}],\"metrics\":{");
    }

    @Test
    void tagsRejectBadArguments() {
        CliRun scope = CliRun.run("tempo", "tags", ROOT, "single-tenant", "--scope", "spans");
        assertThat(scope.exitCode()).isEqualTo(2);
        assertThat(scope.err()).contains("unknown scope 'spans'");
        CliRun tag = CliRun.run("tempo", "tag-values", ROOT, "single-tenant", "span.a = 1");
        assertThat(tag.exitCode()).isEqualTo(2);
        assertThat(tag.err()).contains("bad tag name");
        CliRun unsupported = CliRun.run("tempo", "tag-values", ROOT, "single-tenant", "trace:id");
        assertThat(unsupported.exitCode()).isEqualTo(2);
        assertThat(unsupported.err()).contains("trace:id").contains("not served");
        CliRun limit = CliRun.run("tempo", "tags", ROOT, "single-tenant", "--limit", "-1");
        assertThat(limit.exitCode()).isEqualTo(2);
    }
}
