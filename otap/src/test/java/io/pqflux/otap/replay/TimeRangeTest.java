package io.pqflux.otap.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.TimeRange;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSettings.ResourceScopeIds;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.generator.RecordCheck;
import io.pqflux.testdata.TestScale;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays restricted to a time range, against two oracles computed here, not by the code under test: the generator's
 * golden input filtered by each record's time (the records, exact where the full replay is exact), and the full
 * replay of the same export filtered the same way (the join of every record kept, its batch and position, exactly as
 * without the range).
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "answers compared with two oracles; TimeRangeReadsTest runs the ranged reads in pool debug mode")
class TimeRangeTest {

    /** The samples' clock: batch b's records lie at BASE + b seconds + up to 61 µs. */
    private static final long BASE = 1_750_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    /** One log record in this many has time 0, its observed time set (OTLP's unknown time). */
    private static final int UNTIMED_EVERY = 7;

    @TempDir
    Path base;

    /**
     * A join mode on an export of samples with {@code layouts}; {@code maxWindowRows} below a batch cuts batches into
     * parts. Where the full replay leaves attributes off (cut batches, spilling ids), so may the ranged one.
     */
    record Mode(String name, ExporterSettings settings, JoinMode join, int maxWindowRows, Set<OtlpSamples.Layout> layouts) {
        Mode(String name, ExporterSettings settings, JoinMode join) {
            this(name, settings, join, ReplayOptions.DEFAULT_MAX_WINDOW_ROWS, Set.of(OtlpSamples.Layout.EDGE_VALUES));
        }

        boolean exact() {
            return maxWindowRows == ReplayOptions.DEFAULT_MAX_WINDOW_ROWS && !layouts.contains(OtlpSamples.Layout.SPILL);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Range(String name, Long start, Long end) {
        TimeRange timeRange() {
            return new TimeRange(start, end);
        }

        boolean contains(long time) {
            return (start == null || Long.compareUnsigned(time, start) >= 0) && (end == null || Long.compareUnsigned(time, end) < 0);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Range> RANGES = List.of(
            new Range("start", BASE, BASE + 2 * SECOND + 30_000),
            new Range("middle, cutting batches", BASE + 4 * SECOND + 20_000, BASE + 6 * SECOND + 40_000),
            new Range("end, open", BASE + 9 * SECOND + 30_000, null),
            new Range("open start", null, BASE + SECOND + 10_000),
            new Range("empty: between batches", BASE + 3 * SECOND + 500_000, BASE + 3 * SECOND + 900_000),
            new Range("empty: after everything but the far future", BASE + 100 * SECOND, BASE + 200 * SECOND),
            new Range("empty: start equals end", BASE + 5 * SECOND, BASE + 5 * SECOND));

    static Stream<Arguments> cases() {
        ExporterSettings many = ExporterSettings.defaults().withSeed(3).withRowGroupRows(80).withPageRows(25).withRotateRows(150);
        List<Mode> modes = List.of(
                new Mode("auto", many, JoinMode.AUTO),
                new Mode("batch-aware", many, JoinMode.BATCH_AWARE),
                new Mode("fixed ids, literal", many.withResourceScopeIds(ResourceScopeIds.FIXED), JoinMode.LITERAL),
                new Mode("fixed ids, auto, batches cut at 17 roots", many.withResourceScopeIds(ResourceScopeIds.FIXED),
                        JoinMode.AUTO, 17, Set.of(OtlpSamples.Layout.EDGE_VALUES)),
                // the proof of a batch's resource and scope attributes needs the batches before it: spill they showed
                new Mode("resource and scope ids spilling, auto", many, JoinMode.AUTO, ReplayOptions.DEFAULT_MAX_WINDOW_ROWS,
                        Set.of(OtlpSamples.Layout.SPILL)));
        List<Arguments> cases = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            for (Mode mode : modes) {
                for (Range range : RANGES) cases.add(Arguments.of(signal, mode, range));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @MethodSource("cases")
    void aRangeGivesItsRecordsJoinedAsWithoutIt(Signal signal, Mode mode, Range range) {
        List<Message> input = input(signal, 12, 40, mode.layouts());
        write(mode.settings(), input);
        ReplayOptions options = ReplayOptions.defaults().withJoinMode(mode.join()).withMaxWindowRows(mode.maxWindowRows())
                .withPartitionsInParallel(1);

        List<ReplayedBatch<Message>> ranged = replay(signal, options.withTimeRange(range.timeRange()));

        // oracle 1: the golden input, filtered by time here
        List<Message> expected = input.stream().map(Golden::expected).map(m -> inRange(m, range)).toList();
        RecordCheck.Result result = RecordCheck.of(expected, ranged);
        assertThat(result.wrong()).as("records other than the golden ones in the range").isEmpty();
        if (mode.exact()) assertThat(result.exact()).as("records joined exactly").isEqualTo(result.expected());
        // oracle 2: the full replay, filtered by time here: same batches, positions, data and reports
        List<ReplayedBatch<Message>> full = replay(signal, options);
        List<ReplayedBatch<Message>> want = new ArrayList<>();
        for (ReplayedBatch<Message> batch : full) {
            Message data = inRange(batch.data(), range);
            int records = records(data);
            if (records > 0) want.add(new ReplayedBatch<>(signal, batch.position(), data, records, batch.unjoined()));
        }
        assertThat(ranged).isEqualTo(want);
        if (range.name().startsWith("empty")) assertThat(ranged).isEmpty();
        else assertThat(ranged).isNotEmpty();
    }

    @Test
    void logRecordsWithoutTimeAreAtTheirObservedTime() {
        List<Message> input = input(Signal.LOGS, 4, 30, Set.of());
        write(ExporterSettings.defaults().withSeed(5), input);
        // every seventh record of a batch has time 0; its observed time stays (5 ns after the time it had)
        LogRecord untimed = ((LogsData) input.get(2)).getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .flatMap(s -> s.getLogRecordsList().stream()).filter(r -> r.getTimeUnixNano() == 0).findFirst().orElseThrow();
        long observed = untimed.getObservedTimeUnixNano();
        List<ReplayedBatch<Message>> around = replay(Signal.LOGS, ReplayOptions.defaults()
                .withTimeRange(new TimeRange(observed, observed + 1)));
        assertThat(around).hasSize(1);
        LogRecord only = ((LogsData) around.getFirst().data()).getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(only.getTimeUnixNano()).isZero();
        assertThat(only.getObservedTimeUnixNano()).isEqualTo(observed);
        // time 0 itself is not its place
        assertThat(replay(Signal.LOGS, ReplayOptions.defaults().withTimeRange(new TimeRange(0L, 1L)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = JoinMode.class, names = {"AUTO", "LITERAL"})
    void resumingAfterAnyBatchOfARangedReplayGivesTheRest(JoinMode mode) {
        List<Message> input = input(Signal.LOGS, 12, 40, Set.of());
        write(ExporterSettings.defaults().withSeed(4).withRotateRows(100), input);
        ReplayOptions options = ReplayOptions.defaults().withJoinMode(mode).withTimeRange(RANGES.get(1).timeRange());
        List<ReplayedBatch<Message>> all = replay(Signal.LOGS, options);
        assertThat(all).hasSizeGreaterThan(2);
        for (int k = 0; k < all.size(); k++) {
            BatchPosition after = all.get(k).position();
            assertThat(replay(Signal.LOGS, options.withResumeAfter(Map.of(after.partition(), after))))
                    .isEqualTo(all.subList(k + 1, all.size()));
        }
    }

    @Test
    void badRangesAreRefused() {
        Instant t = Instant.parse("2025-06-15T12:00:00Z");
        assertThatThrownBy(() -> ReplayOptions.defaults().withTimeRange(t, t.minusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the time range ends (2025-06-15T11:59:59.999999999Z) "
                        + "before it starts (2025-06-15T12:00:00Z)");
        assertThatThrownBy(() -> ReplayOptions.defaults().withTimeRange(Instant.parse("1969-12-31T23:59:59Z"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start 1969-12-31T23:59:59Z is not a time OTLP can hold");
        assertThatThrownBy(() -> new TimeRange(5L, 4L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the time range ends (4 ns) before it starts (5 ns)");
        // bounds are unsigned: 2^63 ns and later (2262 on) are times too
        assertThat(TimeRange.of(null, Instant.parse("2500-01-01T00:00:00Z")).endNanos()).isNegative();
        assertThat(ReplayOptions.defaults().withTimeRange(t, null).timeRange())
                .isEqualTo(new TimeRange(t.getEpochSecond() * SECOND, null));
    }

    /** The signal's samples; one log record in {@link #UNTIMED_EVERY} has time 0 (its observed time stays). */
    static List<Message> input(Signal signal, int batches, int records, Set<OtlpSamples.Layout> layouts) {
        return switch (signal) {
            case LOGS -> OtlpSamples.logs(3, batches, records, layouts).stream().map(TimeRangeTest::someUntimed).toList();
            case TRACES -> List.copyOf(OtlpSamples.traces(3, batches, records, layouts));
            case METRICS -> List.copyOf(OtlpSamples.metrics(3, batches, records / 2, layouts));
        };
    }

    private static Message someUntimed(LogsData logs) {
        LogsData.Builder out = logs.toBuilder();
        int n = 0;
        for (ResourceLogs.Builder r : out.getResourceLogsBuilderList()) {
            for (ScopeLogs.Builder s : r.getScopeLogsBuilderList()) {
                for (LogRecord.Builder record : s.getLogRecordsBuilderList()) {
                    if (++n % UNTIMED_EVERY == 0) record.setTimeUnixNano(0);
                }
            }
        }
        return out.build();
    }

    private void write(ExporterSettings settings, List<Message> input) {
        try (ExporterSimulator exporter = new ExporterSimulator(base, settings)) {
            input.forEach(exporter::write);
        }
    }

    private List<ReplayedBatch<Message>> replay(Signal signal, ReplayOptions options) {
        return OtapExport.local(base).<Message>replay(signal, options).collectList().block(Duration.ofMinutes(2));
    }

    /** {@code data} with only the records in {@code range}: the oracle, written apart from the replay's filter. */
    static Message inRange(Message data, Range range) {
        if (data instanceof LogsData logs) {
            LogsData.Builder out = LogsData.newBuilder();
            for (ResourceLogs r : logs.getResourceLogsList()) {
                List<ScopeLogs> scopes = new ArrayList<>();
                for (ScopeLogs s : r.getScopeLogsList()) {
                    ScopeLogs.Builder kept = s.toBuilder().clearLogRecords();
                    for (LogRecord record : s.getLogRecordsList()) {
                        long time = record.getTimeUnixNano() == 0 ? record.getObservedTimeUnixNano() : record.getTimeUnixNano();
                        if (range.contains(time)) kept.addLogRecords(record);
                    }
                    if (kept.getLogRecordsCount() > 0) scopes.add(kept.build());
                }
                if (!scopes.isEmpty()) out.addResourceLogs(r.toBuilder().clearScopeLogs().addAllScopeLogs(scopes));
            }
            return out.build();
        }
        if (data instanceof TracesData traces) {
            TracesData.Builder out = TracesData.newBuilder();
            for (ResourceSpans r : traces.getResourceSpansList()) {
                List<ScopeSpans> scopes = new ArrayList<>();
                for (ScopeSpans s : r.getScopeSpansList()) {
                    ScopeSpans.Builder kept = s.toBuilder().clearSpans();
                    s.getSpansList().stream().filter(span -> range.contains(span.getStartTimeUnixNano())).forEach(kept::addSpans);
                    if (kept.getSpansCount() > 0) scopes.add(kept.build());
                }
                if (!scopes.isEmpty()) out.addResourceSpans(r.toBuilder().clearScopeSpans().addAllScopeSpans(scopes));
            }
            return out.build();
        }
        MetricsData metrics = (MetricsData) data;
        MetricsData.Builder out = MetricsData.newBuilder();
        for (ResourceMetrics r : metrics.getResourceMetricsList()) {
            List<ScopeMetrics> scopes = new ArrayList<>();
            for (ScopeMetrics s : r.getScopeMetricsList()) {
                ScopeMetrics.Builder kept = s.toBuilder().clearMetrics();
                for (Metric metric : s.getMetricsList()) {
                    Metric.Builder m = metric.toBuilder();
                    int points = 0;
                    if (metric.hasGauge()) {
                        m.getGaugeBuilder().clearDataPoints();
                        for (var p : metric.getGauge().getDataPointsList()) if (range.contains(p.getTimeUnixNano())) { m.getGaugeBuilder().addDataPoints(p); points++; }
                    } else if (metric.hasSum()) {
                        m.getSumBuilder().clearDataPoints();
                        for (var p : metric.getSum().getDataPointsList()) if (range.contains(p.getTimeUnixNano())) { m.getSumBuilder().addDataPoints(p); points++; }
                    } else if (metric.hasHistogram()) {
                        m.getHistogramBuilder().clearDataPoints();
                        for (var p : metric.getHistogram().getDataPointsList()) if (range.contains(p.getTimeUnixNano())) { m.getHistogramBuilder().addDataPoints(p); points++; }
                    } else if (metric.hasExponentialHistogram()) {
                        m.getExponentialHistogramBuilder().clearDataPoints();
                        for (var p : metric.getExponentialHistogram().getDataPointsList()) if (range.contains(p.getTimeUnixNano())) { m.getExponentialHistogramBuilder().addDataPoints(p); points++; }
                    } else if (metric.hasSummary()) {
                        m.getSummaryBuilder().clearDataPoints();
                        for (var p : metric.getSummary().getDataPointsList()) if (range.contains(p.getTimeUnixNano())) { m.getSummaryBuilder().addDataPoints(p); points++; }
                    }
                    if (points > 0) kept.addMetrics(m);
                }
                if (kept.getMetricsCount() > 0) scopes.add(kept.build());
            }
            if (!scopes.isEmpty()) out.addResourceMetrics(r.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes));
        }
        return out.build();
    }

    static int records(Message data) {
        return switch (data) {
            case LogsData logs -> logs.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                    .mapToInt(ScopeLogs::getLogRecordsCount).sum();
            case TracesData traces -> traces.getResourceSpansList().stream().flatMap(r -> r.getScopeSpansList().stream())
                    .mapToInt(ScopeSpans::getSpansCount).sum();
            case MetricsData metrics -> metrics.getResourceMetricsList().stream().flatMap(r -> r.getScopeMetricsList().stream())
                    .mapToInt(ScopeMetrics::getMetricsCount).sum();
            default -> throw new IllegalArgumentException(data.getClass().getName());
        };
    }
}
