package io.pqflux.otap.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExportReplay;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSettings.Dictionary;
import io.pqflux.otap.generator.ExporterSettings.Order;
import io.pqflux.otap.generator.ExporterSettings.ResourceScopeIds;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Flattened;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.generator.RecordCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OTLP in == OTLP out: synthetic OTLP written by the exporter-faithful generator under every switch, replayed, and
 * compared record by record with the generator's golden expectation (what the exporter can preserve, attributes in a
 * canonical order). Where the batch-aware join reports a resource or scope it could not join unambiguously, that
 * record must come back without those attributes — never with another batch's.
 */
class RoundTripTest {

    @TempDir
    Path base;

    record Case(String name, ExporterSettings settings, JoinMode mode, int maxWindowRows, boolean oneResource) {
        Case(String name, ExporterSettings settings, JoinMode mode) {
            this(name, settings, mode, ReplayOptions.DEFAULT_MAX_WINDOW_ROWS, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            for (long seed : new long[] {1, 2}) {
                ExporterSettings d = ExporterSettings.defaults().withSeed(seed).withRowGroupRows(700).withPageRows(90);
                List<Case> variants = List.of(
                        new Case("defaults, batch-aware", d, JoinMode.BATCH_AWARE),
                        new Case("defaults, auto", d, JoinMode.AUTO),
                        new Case("fixed ids, literal", d.withResourceScopeIds(ResourceScopeIds.FIXED), JoinMode.LITERAL),
                        new Case("fixed ids, auto", d.withResourceScopeIds(ResourceScopeIds.FIXED), JoinMode.AUTO),
                        new Case("transport-optimised order", d.withOrder(Order.TRANSPORT_OPTIMIZED), JoinMode.AUTO),
                        new Case("plain pages, u16 ids, required columns", d.withDictionary(Dictionary.OFF).withIdWidths(ExporterSettings.IdWidths.NARROW)
                                .withRequiredColumns(true), JoinMode.AUTO),
                        new Case("dictionary fallback, rotation, staging leftovers", d.withDictionary(Dictionary.FALLBACK)
                                .withRotateRows(300).withStagingLeftovers(true), JoinMode.AUTO),
                        new Case("unpartitioned", d.withPartitioned(false), JoinMode.AUTO),
                        new Case("id overflow starts partitions", d.withMaxIdsPerPartition(150), JoinMode.AUTO),
                        new Case("fixed ids, batches cut at 37 roots", d.withResourceScopeIds(ResourceScopeIds.FIXED),
                                JoinMode.AUTO, 37, false),
                        new Case("defaults, batches cut at 37 roots", d, JoinMode.AUTO, 37, false),
                        new Case("one resource and scope per batch", d, JoinMode.AUTO,
                                ReplayOptions.DEFAULT_MAX_WINDOW_ROWS, true),
                        new Case("one resource and scope per batch, cut at 23 roots", d, JoinMode.AUTO, 23, true));
                for (Case c : variants) cases.add(Arguments.of(signal, seed, c));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}: {2}")
    @MethodSource("cases")
    void replayGivesBackTheInput(Signal signal, long seed, Case c) {
        List<Message> input = switch (signal) {
            case LOGS -> List.copyOf(OtlpSamples.logs(seed, 12, 60));
            case TRACES -> List.copyOf(OtlpSamples.traces(seed, 12, 60));
            case METRICS -> List.copyOf(OtlpSamples.metrics(seed, 12, 30));
        };
        if (c.oneResource()) input = input.stream().map(RoundTripTest::firstResourceAndScope).toList();
        try (ExporterSimulator exporter = new ExporterSimulator(base, c.settings())) {
            input.forEach(exporter::write);
        }

        List<Message> expected = input.stream().map(Golden::expected).toList();
        List<ReplayedBatch<Message>> batches = OtapExport.local(base)
                .<Message>replay(signal, ReplayOptions.defaults().withJoinMode(c.mode()).withMaxWindowRows(c.maxWindowRows())).collectList().block();
        for (ReplayedBatch<Message> batch : batches) {
            assertThat(batch.unjoined()).as("unjoined rows other than resource/scope ambiguity")
                    .allMatch(ExportReplay::resourceOrScope);
        }
        RecordCheck.Result result = RecordCheck.of(expected, batches);
        System.out.printf("ROUNDTRIP %s %d %s: %s; %d batches read of %d written, %d unjoined, files %d%s%n", signal, seed,
                c, result, batches.size(), input.size(), batches.stream().mapToInt(b -> b.unjoined().size()).sum(),
                OtapExport.local(base).listing().block().files().size(), batches.stream().flatMap(b -> b.unjoined().stream())
                        .findFirst().map(u -> "; first unjoined: " + u.reason()).orElse(""));
        // only a record of a batch whose resource/scope ids were reported ambiguous may differ, and only by missing
        // resource or scope attributes: never another batch's
        assertThat(result.wrong()).as("records that differ other than by reported, left-off attributes").isEmpty();
        if (c.mode() == JoinMode.LITERAL && c.settings().resourceScopeIds() == ResourceScopeIds.FIXED) {
            assertThat(result.exact()).as("ids the exporter offsets join exactly by equality").isEqualTo(result.expected());
        }
        if (c.mode() != JoinMode.LITERAL && !c.oneResource() && c.maxWindowRows() == ReplayOptions.DEFAULT_MAX_WINDOW_ROWS) {
            assertThat(result.exact()).as("batches told apart join exactly").isEqualTo(result.expected());
        }
    }

    /** A single service's export: every batch keeps only its first resource and that resource's first scope. */
    static Message firstResourceAndScope(Message batch) {
        return switch (batch) {
            case LogsData logs -> {
                var r = logs.getResourceLogs(0).toBuilder();
                var s = r.getScopeLogs(0);
                r.clearScopeLogs().addScopeLogs(s);
                yield LogsData.newBuilder().addResourceLogs(r).build();
            }
            case TracesData traces -> {
                var r = traces.getResourceSpans(0).toBuilder();
                var s = r.getScopeSpans(0);
                r.clearScopeSpans().addScopeSpans(s);
                yield TracesData.newBuilder().addResourceSpans(r).build();
            }
            case MetricsData metrics -> {
                var r = metrics.getResourceMetrics(0).toBuilder();
                var s = r.getScopeMetrics(0);
                r.clearScopeMetrics().addScopeMetrics(s);
                yield MetricsData.newBuilder().addResourceMetrics(r).build();
            }
            default -> throw new IllegalArgumentException(batch.getClass().getName());
        };
    }
}
