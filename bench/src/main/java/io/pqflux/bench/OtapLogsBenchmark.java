package io.pqflux.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.bench.data.OtapLogsExport;
import io.pqflux.bench.otap.LogsChecksum;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.golden.ParquetJavaOtap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Joined OTAP logs: a generated ~100 MB exporter output in one partition ({@link OtapLogsExport}: {@code logs},
 * {@code log_attrs}, {@code resource_attrs}, {@code scope_attrs}) replayed whole into OTLP {@code LogsData}.
 * {@code pqflux} is {@link OtapExport#logs} with the literal join (the export offsets its nested resource/scope ids),
 * a streaming join on one thread, its rows decoded there too ({@code withDecodeThreads(1)}; the benchmark thread only
 * waits).
 * {@code parquetJava} is the baseline: otap's test oracle {@link ParquetJavaOtap}, parquet-java's example
 * {@code Group} records joined with hash maps (the partition's attribute tables in memory), on the benchmark thread.
 * One operation is one whole replay; records/s is the rate times the {@code records} counter.
 *
 * <p>{@code pqfluxEncoded} replays the same batches as protobuf bytes ({@link ReplayedBatch#encoded()}, what an
 * OTLP exporter sends; no message objects), against {@code parquetJavaEncoded}: the hash join's messages serialized by
 * protobuf-java ({@code toByteArray}); {@code pqfluxEncodedAllCores} decodes the partition's rows on every core (the
 * default), against {@code pqfluxEncoded} on one.
 *
 * <p>Checksum gate: every replay folds each record with its resource and scope into a {@link LogsChecksum}
 * (attributes as multisets, any grouping into messages); the trial's setup requires both readers' checksums to equal
 * the generator's input and a sample of about one record in {@value #SAMPLE_EVERY} (chosen by its code) to be equal
 * byte for byte between the two readers in canonical form; every iteration's last replay is checked again. The setup
 * then replays {@value #WARMUP_REPLAYS} more times with the measured reader (JIT warm-up, see there).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class OtapLogsBenchmark {

    private static final int SAMPLE_EVERY = 64;
    /**
     * Replays of the measured reader in the trial's setup, besides the checked one: a replay takes 4–9 s, so quick
     * mode's two 1 s warm-up iterations are two replays, while the JIT needs about four (measured on the 2-core
     * machine: pqflux 8–9 s for each of the first three replays, 4.2 s from the fourth; parquet-java 16 s, then 8–9 s).
     */
    private static final int WARMUP_REPLAYS = 3;

    private OtapLogsExport.Export export;
    private OtapExport otap;
    /** The literal join on the partition's thread only; and with its rows decoded by every core. */
    private ReplayOptions literal;
    private ReplayOptions literalAllCores;
    private LogsChecksum last;
    /** What the encoded replays give (records, bytes, a hash of every 16th batch), checked against the objects. */
    private EncodedSum encodedReference;
    private EncodedSum lastEncoded;

    /**
     * The encoded paths' checksum: records, bytes and a hash of every 16th batch's bytes. The trial's setup proves one
     * encoded replay's bytes parse into the generator's input ({@link LogsChecksum}) and, for parquet-java (whose
     * messages the object benchmarks check, grouped into other batches), that it serializes as many records; every
     * measured pqflux replay must then give the same sum.
     */
    record EncodedSum(long records, long bytes, long sampleHash) {
        static final EncodedSum ZERO = new EncodedSum(0, 0, 0);

        EncodedSum add(int records, java.nio.ByteBuffer encoded, long batch) {
            long hash = batch % 16 == 0 ? encoded.hashCode() : 0;
            return new EncodedSum(this.records + records, bytes + encoded.remaining(), sampleHash * 31 + hash);
        }
    }

    /** Log records of the iteration's last replay (the same every replay). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double records;
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        export = OtapLogsExport.get(OtapLogsExport.DEFAULT_BYTES);
        otap = OtapExport.local(export.base());
        literal = ReplayOptions.defaults().withJoinMode(JoinMode.LITERAL).withDecodeThreads(1);
        literalAllCores = literal.withDecodeThreads(Runtime.getRuntime().availableProcessors());
        System.out.printf("%n%s: input %s%n", export.base(), export.input());

        List<ByteString> pqfluxSample = new ArrayList<>();
        check("pqflux", replay(data -> pqfluxSample.addAll(LogsChecksum.sample(data, SAMPLE_EVERY))));
        System.out.println("pqflux's checksum equals the input's");
        List<ByteString> parquetJavaSample = new ArrayList<>();
        check("parquet-java", join(data -> parquetJavaSample.addAll(LogsChecksum.sample(data, SAMPLE_EVERY))));
        System.out.println("parquet-java's checksum equals the input's");
        if (!sorted(pqfluxSample).equals(sorted(parquetJavaSample))) {
            throw new IllegalStateException("pqflux and parquet-java agree on the checksum but not on the "
                    + pqfluxSample.size() + "/" + parquetJavaSample.size() + " sampled records");
        }
        System.out.printf("%d sampled records equal between pqflux and parquet-java%n", pqfluxSample.size());
        last = export.input();

        // the encoded replay's bytes parse into the input
        LogsChecksum parsed = new LogsChecksum();
        encodedReference = replayEncoded(literal, batch -> parsed.add(batch.data()));
        check("pqflux's encoded batches", parsed);
        checkEncoded("pqflux's encoded batches, all cores", replayEncoded(literalAllCores, batch -> { }));
        // parquet-java's messages are the ones checked above; its batches group records otherwise, so only the count
        // of records it serializes is compared
        long parquetJavaRecords = joinEncoded().records();
        if (parquetJavaRecords != encodedReference.records()) {
            throw new IllegalStateException("pqflux encoded " + encodedReference.records() + " records, parquet-java "
                    + parquetJavaRecords);
        }
        System.out.printf("pqflux's encoded batches parse into the input (%d bytes; parquet-java serializes %d records)%n",
                encodedReference.bytes(), parquetJavaRecords);
        lastEncoded = encodedReference;

        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        for (int i = 0; i < WARMUP_REPLAYS; i++) {
            switch (method) {
                case "pqflux" -> check("pqflux (warm-up)", replay(data -> { }));
                case "parquetJava" -> check("parquet-java (warm-up)", join(data -> { }));
                case "pqfluxEncoded" -> checkEncoded("pqflux encoded (warm-up)", replayEncoded(literal, batch -> { }));
                case "pqfluxEncodedAllCores" ->
                        checkEncoded("pqflux encoded, all cores (warm-up)", replayEncoded(literalAllCores, batch -> { }));
                case "parquetJavaEncoded" -> joinEncoded();
                default -> throw new IllegalStateException("no warm-up for benchmark " + method);
            }
        }
    }

    /** pqflux's batches as the replay encodes them (export request bodies), no message objects. */
    @Benchmark
    public EncodedSum pqfluxEncoded(Counts counts) {
        EncodedSum sum = replayEncoded(literal, batch -> { });
        counts.records = sum.records();
        return lastEncoded = sum;
    }

    /** The same, the partition's rows decoded by every core (its join still on one thread). */
    @Benchmark
    public EncodedSum pqfluxEncodedAllCores(Counts counts) {
        EncodedSum sum = replayEncoded(literalAllCores, batch -> { });
        counts.records = sum.records();
        return lastEncoded = sum;
    }

    /** The baseline for bytes: parquet-java's hash join building the messages, then protobuf-java's toByteArray. */
    @Benchmark
    public EncodedSum parquetJavaEncoded(Counts counts) {
        EncodedSum sum = joinEncoded();
        counts.records = sum.records();
        return sum;
    }

    private EncodedSum replayEncoded(ReplayOptions options, Consumer<ReplayedBatch<LogsData>> also) {
        long[] batches = {0};
        return otap.<LogsData>replay(Signal.LOGS, options).reduce(EncodedSum.ZERO, (sum, batch) -> {
            also.accept(batch);
            return sum.add(batch.records(), batch.encoded(), batches[0]++);
        }).block();
    }

    private EncodedSum joinEncoded() {
        EncodedSum[] sum = {EncodedSum.ZERO};
        long[] batches = {0};
        ParquetJavaOtap.forEachLogs(export.base(), export.partition(), data -> {
            int records = data.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                    .mapToInt(s -> s.getLogRecordsCount()).sum();
            sum[0] = sum[0].add(records, java.nio.ByteBuffer.wrap(data.toByteArray()), batches[0]++);
        });
        return sum[0];
    }

    private void checkEncoded(String reader, EncodedSum actual) {
        if (!actual.equals(encodedReference)) {
            throw new IllegalStateException(reader + " gave " + actual + ", the checked replay " + encodedReference);
        }
    }

    @Benchmark
    public LogsChecksum pqflux(Counts counts) {
        return record(counts, replay(data -> { }));
    }

    @Benchmark
    public LogsChecksum parquetJava(Counts counts) {
        return record(counts, join(data -> { }));
    }

    private LogsChecksum replay(Consumer<LogsData> also) {
        return otap.logs(literal).reduce(new LogsChecksum(), (checksum, data) -> {
            also.accept(data);
            return checksum.add(data);
        }).block();
    }

    private LogsChecksum join(Consumer<LogsData> also) {
        LogsChecksum checksum = new LogsChecksum();
        ParquetJavaOtap.forEachLogs(export.base(), export.partition(), data -> {
            also.accept(data);
            checksum.add(data);
        });
        return checksum;
    }

    private LogsChecksum record(Counts counts, LogsChecksum checksum) {
        counts.records = checksum.records();
        return last = checksum;
    }

    private void check(String reader, LogsChecksum actual) {
        if (!actual.sameAs(export.input())) {
            throw new IllegalStateException(reader + " replayed " + export.base() + " with " + actual
                    + " but the generator's input has " + export.input());
        }
    }

    private static List<ByteString> sorted(List<ByteString> records) {
        return records.stream().sorted(ByteString.unsignedLexicographicalComparator()).toList();
    }

    /** Every measured replay must have read what the generator wrote. */
    @TearDown(Level.Iteration)
    public void checkLastReplay() {
        check("the last measured replay", last);
        checkEncoded("the last measured encoded replay", lastEncoded);
    }
}
