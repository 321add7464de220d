package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.tempo.testing.MappedBlocks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/** TempoBlock on the bundled block of each format: the whole block as a Flux, and FindTraceByID for every trace. */
class TempoBlockFormatsTest {

    static List<Arguments> blocks() {
        return List.of(Arguments.of(MappedBlocks.VP3, TempoFormat.VPARQUET3, 134),
                Arguments.of(MappedBlocks.VP4, TempoFormat.VPARQUET4, 134),
                Arguments.of(MappedBlocks.VP5, TempoFormat.VPARQUET5, 133));
    }

    @ParameterizedTest
    @MethodSource("blocks")
    void readsEveryTraceAndFindsEachById(Path directory, TempoFormat format, int traces) {
        TempoBlock block = TempoBlock.open(directory);
        assertThat(block.meta().tempoFormat()).isEqualTo(format);
        List<Trace> all = block.traces(TraceReadOptions.defaults()).collectList().block();
        assertThat(all).hasSize(traces);
        assertThat(all).allSatisfy(t -> assertThat(t.spanCount()).isPositive());
        StepVerifier.create(block.traces(TraceReadOptions.defaults()), 0)
                .thenRequest(1).expectNextCount(1)
                .thenRequest(Long.MAX_VALUE).expectNextCount(traces - 1)
                .verifyComplete();
        for (Trace expected : all) {
            TraceLookup lookup = block.findTrace(TraceId.of(expected.traceId()), TracePreset.FULL,
                    TraceReadOptions.DEFAULT_MAX_TRACE_BYTES).block();
            assertThat(lookup.bloomPositive()).isTrue();
            assertThat(lookup.trace()).as("trace %s", expected.traceIdHex()).isPresent();
            assertThat(lookup.trace().get().toTracesData()).isEqualTo(expected.toTracesData());
            assertThat(lookup.trace().get().serviceStats()).isEqualTo(expected.serviceStats());
        }
        TraceId absent = TraceId.parseHex("00000000000000000000000000000001");
        TraceLookup miss = block.findTrace(absent, TracePreset.FULL, TraceReadOptions.DEFAULT_MAX_TRACE_BYTES).block();
        assertThat(miss.trace()).isEmpty();
    }
}
