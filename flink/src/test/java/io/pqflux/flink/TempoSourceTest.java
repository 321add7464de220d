package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.flink.tempo.TempoSource;
import io.pqflux.flink.testkit.CommittedRecords;
import io.pqflux.flink.testkit.FailOnce;
import io.pqflux.storage.s3.S3Settings;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.tempo.SpanWithContext;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Tempo source on a MiniCluster against the single-machine tenant scan: every trace and span, once. */
class TempoSourceTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    private static final String TENANT = "generated";

    @TempDir
    static Path root;
    static int rowGroups;

    @BeforeAll
    static void write() {
        for (int block = 0; block < 3; block++) {
            // small row groups: several splits per block
            TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(root,
                    TempoBlockWriter.Settings.defaults(50 + block).withRowGroupSizeBytes(150_000).withPageSizeBytes(16 << 10), 50 + block, 300);
            rowGroups += written.rowGroupCount();
        }
    }

    static String describe(Trace trace) {
        return trace.traceIdHex() + "|" + trace.rootServiceName() + "|" + trace.rootSpanName() + "|" + trace.startTimeUnixNano()
                + "|" + trace.endTimeUnixNano() + "|" + trace.durationNano() + "|" + trace.serviceStats() + "|"
                + HexFormat.of().formatHex(trace.toTracesData().toByteArray());
    }

    static String describe(SpanWithContext span) {
        return span.traceId().toHex() + "|" + HexFormat.of().formatHex(span.resource().toByteArray()) + "|"
                + HexFormat.of().formatHex(span.scope().toByteArray()) + "|" + HexFormat.of().formatHex(span.span().toByteArray());
    }

    static List<String> singleMachineTraces() {
        return TempoTenant.local(root, TENANT).traces(TraceReadOptions.defaults()).map(TempoSourceTest::describe).sort().collectList().block();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void tracesAsTheSingleMachineScanAtAnyParallelism(int parallelism) throws Exception {
        assertThat(rowGroups).as("row groups, one split each").isGreaterThan(6);
        List<String> expected = singleMachineTraces();
        assertThat(expected).hasSize(900);
        List<Trace> flink = Jobs.collect(TempoSource.traces(StoreLocation.of(root.toString()), TENANT).build(), parallelism);
        assertThat(flink.stream().map(TempoSourceTest::describe).sorted().toList()).isEqualTo(expected);
    }

    /** Traces read encoded come out of the job as the objects the single-machine scan reads. */
    @Test
    void encodedTracesAsTheSingleMachineScan() throws Exception {
        List<Trace> flink = Jobs.collect(TempoSource.traces(StoreLocation.of(root.toString()), TENANT)
                .form(TraceForm.ENCODED).build(), 2);
        assertThat(flink.stream().map(TempoSourceTest::describe).sorted().toList()).isEqualTo(singleMachineTraces());
        assertThatThrownBy(() -> TempoSource.spans(StoreLocation.of(root.toString()), TENANT).form(TraceForm.ENCODED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void spansAsTheSingleMachineScan(int parallelism) throws Exception {
        TempoTenant tenant = TempoTenant.local(root, TENANT);
        List<String> expected = reactor.core.publisher.Flux.fromIterable(tenant.blocks())
                .concatMap(meta -> tenant.block(meta).spans(TraceReadOptions.defaults())).map(TempoSourceTest::describe).sort()
                .collectList().block();
        List<SpanWithContext> flink = Jobs.collect(TempoSource.spans(StoreLocation.of(root.toString()), TENANT).build(), parallelism);
        assertThat(flink.stream().map(TempoSourceTest::describe).sorted().toList()).isEqualTo(expected);
    }

    @Test
    void readsATenantInS3() throws Exception {
        try (LocalS3 s3 = new LocalS3()) {
            s3.createBucket("tempo");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    s3.put("tempo", "traces/" + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            StoreLocation location = new StoreLocation("s3://tempo/traces", Map.of(S3Settings.ENDPOINT, s3.endpoint().toString(),
                    S3Settings.REGION, LocalS3.REGION, S3Settings.PATH_STYLE, "true", S3Settings.ACCESS_KEY_ID, LocalS3.ACCESS_KEY,
                    S3Settings.SECRET_ACCESS_KEY, LocalS3.SECRET_KEY));
            List<Trace> flink = Jobs.collect(TempoSource.traces(location, TENANT).build(), 2);
            assertThat(flink.stream().map(TempoSourceTest::describe).sorted().toList()).isEqualTo(singleMachineTraces());
        }
    }

    @Test
    void aJobKilledMidRunEmitsEveryTraceExactlyOnce() throws Exception {
        String run = "tempo-failover";
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(OtapSourceTest.restarting());
        env.setParallelism(2);
        env.enableCheckpointing(20);
        env.fromSource(TempoSource.traces(StoreLocation.of(root.toString()), TENANT).readerConcurrency(1, 4).build(),
                        WatermarkStrategy.noWatermarks(), "tempo")
                .map(new FailOnce<Trace>(run, 200, 1))
                .map(new CommittedRecords<Trace>(run, trace -> describe(trace).getBytes(StandardCharsets.UTF_8)))
                .sinkTo(new DiscardingSink<>());
        env.execute(run);
        assertThat(FailOnce.failed(run)).as("the job was killed mid-run").isTrue();
        List<String> committed = CommittedRecords.committed(run).stream().map(b -> new String(b, StandardCharsets.UTF_8)).sorted().toList();
        assertThat(committed).isEqualTo(singleMachineTraces());
    }
}
