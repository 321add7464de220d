package io.pqflux.flink.examples;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.otap.OtapSource;
import io.pqflux.flink.tempo.TempoSource;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.tempo.SpanWithContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The example jobs of {@code pqflux-flink-examples.jar}, run with {@code java -jar} in a local Flink environment or
 * submitted to a cluster ({@code flink run pqflux-flink-examples.jar …}, docs/scale-out.md):
 *
 * <ul>
 *   <li>{@code otap-replay BASE [--signal logs|traces|metrics] [--parallelism N] [--continuous [--poll 5s] [--min-age 30s]]
 *       [--checkpoint-dir DIR [--restore CHECKPOINT]]}: one OTLP/JSON message per line on stdout, as {@code pqflux otap
 *       replay} prints them (partitions interleave at parallelism above one; each partition's batches keep their order).
 *   <li>{@code tempo-spans ROOT TENANT [--parallelism N] [--start T --end T]}: spans per service, then the totals.
 * </ul>
 * Both take {@code --setting key=value} for the store ({@code endpoint}, {@code region}, … for {@code s3://}).
 */
public final class FlinkExamples {

    private FlinkExamples() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try {
            if (args.length == 0) throw new ExampleArguments.UsageException("no example named");
            List<String> rest = List.of(args).subList(1, args.length);
            switch (args[0]) {
                case "otap-replay" -> otapReplay(new ExampleArguments(rest, Set.of("signal", "parallelism", "poll", "min-age",
                        "checkpoint-dir", "restore"), Set.of("continuous")), out);
                case "tempo-spans" -> tempoSpans(new ExampleArguments(rest, Set.of("parallelism", "start", "end"), Set.of()), out);
                default -> throw new ExampleArguments.UsageException("unknown example '" + args[0] + "'");
            }
        } catch (ExampleArguments.UsageException e) {
            System.err.println("pqflux-flink-examples: " + e.getMessage());
            System.err.println("usage: otap-replay BASE [--signal logs|traces|metrics] [--parallelism N] [--continuous [--poll 5s] [--min-age 0s]]");
            System.err.println("                        [--checkpoint-dir DIR [--restore CHECKPOINT]] [--setting key=value]...");
            System.err.println("       tempo-spans ROOT TENANT [--parallelism N] [--start INSTANT --end INSTANT] [--setting key=value]...");
            System.exit(2);
        }
    }

    private static void otapReplay(ExampleArguments args, PrintStream out) throws Exception {
        StoreLocation base = new StoreLocation(args.positional(0, "BASE (the export's directory or store URI)"), args.settings);
        args.noMorePositional(1);
        Configuration config = new Configuration();
        String checkpoints = args.string("checkpoint-dir", null);
        if (checkpoints != null) {
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, Path.of(checkpoints).toAbsolutePath().toUri().toString());
            config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        } else if (args.string("restore", null) != null) {
            throw new ExampleArguments.UsageException("--restore needs --checkpoint-dir");
        }
        if (args.string("restore", null) != null) config.set(StateRecoveryOptions.SAVEPOINT_PATH, args.string("restore", null));
        String signal = args.string("signal", "logs").toLowerCase(Locale.ROOT);
        if (!Set.of("logs", "traces", "metrics").contains(signal)) {
            throw new ExampleArguments.UsageException("--signal is logs, traces or metrics, not '" + signal + "'");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(args.positiveInt("parallelism", 1));
        boolean continuous = args.flag("continuous");
        Duration poll = args.duration("poll", Duration.ofSeconds(5));
        Duration minAge = args.duration("min-age", Duration.ZERO);
        DataStream<? extends Message> messages = switch (signal) {
            case "logs" -> stream(env, OtapSource.logs(base), continuous, poll, minAge);
            case "traces" -> stream(env, OtapSource.traces(base), continuous, poll, minAge);
            case "metrics" -> stream(env, OtapSource.metrics(base), continuous, poll, minAge);
            default -> throw new IllegalStateException(signal);
        };
        try (CloseableIterator<String> lines = messages.map(m -> OtlpJson.write(m)).returns(Types.STRING).executeAndCollect("otap-replay")) {
            while (lines.hasNext()) {
                out.println(lines.next());
                out.flush();
            }
        }
    }

    private static <M extends Message> DataStream<M> stream(StreamExecutionEnvironment env, OtapSource.Builder<M> source,
                                                            boolean continuous, Duration poll, Duration minAge) {
        if (continuous) source.continuous(poll, minAge);
        return env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "otap");
    }

    private static void tempoSpans(ExampleArguments args, PrintStream out) throws Exception {
        StoreLocation root = new StoreLocation(args.positional(0, "ROOT (the Tempo backend's directory or store URI)"), args.settings);
        String tenant = args.positional(1, "TENANT");
        args.noMorePositional(2);
        Instant start = args.instant("start");
        Instant end = args.instant("end");
        if ((start == null) != (end == null)) throw new ExampleArguments.UsageException("--start and --end go together");
        Configuration config = new Configuration();
        // a bounded job: each service's count comes out once, at the end
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(args.positiveInt("parallelism", 1));
        TempoSource.Builder<SpanWithContext> source = TempoSource.spans(root, tenant);
        if (start != null) source.timeRange(start, end);
        DataStream<Tuple2<String, Long>> perService = env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "tempo spans")
                .map(span -> Tuple2.of(serviceName(span), 1L)).returns(Types.TUPLE(Types.STRING, Types.LONG))
                .keyBy(count -> count.f0)
                .sum(1);
        TreeMap<String, Long> counts = new TreeMap<>();
        try (CloseableIterator<Tuple2<String, Long>> results = perService.executeAndCollect("tempo-spans")) {
            results.forEachRemaining(count -> counts.put(count.f0, count.f1));
        }
        long total = 0;
        for (var service : counts.entrySet()) {
            out.println(service.getKey() + "\t" + service.getValue());
            total += service.getValue();
        }
        out.println("total\t" + total + " spans\t" + counts.size() + " services");
    }

    private static String serviceName(SpanWithContext span) {
        for (KeyValue attribute : span.resource().getAttributesList()) {
            if (attribute.getKey().equals("service.name")) return attribute.getValue().getStringValue();
        }
        return "";
    }
}
