package io.pqflux.otap.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.generator.RecordCheck;
import java.nio.file.Path;
import java.time.Duration;
import io.pqflux.testdata.TestScale;
import java.util.List;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One partition's rows decoded by several threads: slices of tens of thousands of rows (large pages and row groups)
 * split into parts on the decode scheduler give the batches one thread gives, byte for byte, and the input.
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "an oracle comparison; decoding rows leases no memory")
class DecodeThreadsTest {

    @TempDir
    Path base;

    @ParameterizedTest
    @EnumSource(Signal.class)
    void splitDecodingGivesTheBatchesOfOneThread(Signal signal) {
        List<Message> input = switch (signal) {
            case LOGS -> List.copyOf(OtlpSamples.logs(5, 3, 5_000));
            case TRACES -> List.copyOf(OtlpSamples.traces(5, 3, 2_500));
            case METRICS -> List.copyOf(OtlpSamples.metrics(5, 3, 1_500));
        };
        // ids offset as the literal join needs; pages and row groups large enough for slices of several parts
        ExporterSettings settings = ExporterSettings.defaults().withSeed(5).withRowGroupRows(100_000)
                .withPageRows(50_000).withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED);
        try (ExporterSimulator exporter = new ExporterSimulator(base, settings)) {
            input.forEach(exporter::write);
        }
        ReplayOptions literal = ReplayOptions.defaults().withJoinMode(JoinMode.LITERAL);
        List<ReplayedBatch<Message>> oneThread = replay(literal.withDecodeThreads(1), signal);
        List<ReplayedBatch<Message>> fourThreads = replay(literal.withDecodeThreads(4), signal);

        assertThat(fourThreads).isEqualTo(oneThread);
        RecordCheck.Result result = RecordCheck.of(input.stream().map(Golden::expected).toList(), fourThreads);
        assertThat(result.wrong()).isEmpty();
        assertThat(result.exact()).isEqualTo(result.expected());
    }

    private List<ReplayedBatch<Message>> replay(ReplayOptions options, Signal signal) {
        return OtapExport.local(base).<Message>replay(signal, options).collectList().block(Duration.ofMinutes(2));
    }
}
