package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.otlp.testing.OtlpJsonDecoder;
import io.pqflux.tempo.golden.GoldenFixtures;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both JSON dialects against independent decoders: protobuf-java-util's JsonFormat and the §15 example of
 * docs/tempo-format.md.
 */
class TempoJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tempoV1OfTheFirstTraceStartsWithTheSpecsExample() throws Exception {
        Trace first = TempoBlock.open(Corpus.tempoBlock()).traces(TraceReadOptions.defaults()).blockFirst();
        JsonNode v1 = JSON.readTree(TempoJson.tempoV1(first.toTracesData()));
        String expected = GoldenFixtures.SPEC_FIRST_RESOURCE_SPANS_V1;
        assertThat(v1.get("batches").get(0)).isEqualTo(JSON.readTree(expected));
        assertThat(v1.get("batches")).hasSize(4);
        JsonNode v2 = JSON.readTree(TempoJson.tempoV2(first.toTracesData(), 1234));
        assertThat(v2.get("trace").get("resourceSpans")).isEqualTo(v1.get("batches"));
        assertThat(v2.get("metrics").get("inspectedBytes").asText()).isEqualTo("1234");
    }

    @Test
    void otlpJsonDecodesBackToTheSameMessages(@TempDir Path dir) {
        List<Trace> traces = TempoBlock.open(Corpus.tempoBlock()).traces(TraceReadOptions.defaults()).collectList().block();
        for (Trace trace : traces) assertRoundTrip(trace.toTracesData());
        assertRoundTrip(released(dir));
    }

    @Test
    void otlpDialectWritesHexIdsIntegerEnumsAndStringInt64s(@TempDir Path dir) throws Exception {
        JsonNode json = JSON.readTree(OtlpJson.write(released(dir)));
        JsonNode span = json.at("/resourceSpans/0/scopeSpans/0/spans/0");
        assertThat(span.get("traceId").asText()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(span.get("spanId").asText()).isEqualTo("0102030405060708");
        assertThat(span.get("kind").isInt()).isTrue();
        assertThat(span.get("kind").asInt()).isEqualTo(2);
        assertThat(span.get("status").get("code").asInt()).isEqualTo(2);
        assertThat(span.get("startTimeUnixNano").isTextual()).isTrue();
        assertThat(span.at("/links/0/spanId").asText()).isEqualTo("0909090909090909");
        assertThat(json.at("/resourceSpans/0/scopeSpans/0/spans/1/startTimeUnixNano").asText()).isEqualTo("18446744073709551606");
    }

    private static TracesData released(Path dir) {
        Path file = GoldenFixtures.releasedLayoutFile(dir);
        return io.pqflux.tempo.golden.ParquetJavaGolden.read(file, GoldenFixtures.RELEASED_RESOURCE_SLOTS,
                GoldenFixtures.RELEASED_SPAN_SLOTS).getFirst().otlp();
    }

    private static void assertRoundTrip(TracesData traces) {
        assertThat(OtlpJsonDecoder.decode(OtlpJson.write(traces), TracesData.getDefaultInstance())).isEqualTo(traces);
    }
}
