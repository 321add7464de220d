package io.pqflux.otap.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSettings.Dictionary;
import io.pqflux.otap.generator.ExporterSettings.Order;
import io.pqflux.otap.generator.ExporterSettings.ResourceScopeIds;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.Flattened;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.golden.ParquetJavaOtap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pqflux's logs replay against an independent reader: parquet-java's example {@code Group}s joined with hash maps
 * ({@link ParquetJavaOtap}) over the same generated export, record for record. Exports offset their nested
 * {@code resource.id}/{@code scope.id} ({@link ResourceScopeIds#FIXED}), where the literal join is right, and both
 * sides must also give back the generator's input (so that agreement is not two readers sharing one mistake).
 */
class ParquetJavaOracleTest {

    @TempDir
    Path base;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3}) {
            ExporterSettings fixed = ExporterSettings.defaults().withSeed(seed).withRowGroupRows(700).withPageRows(90)
                    .withResourceScopeIds(ResourceScopeIds.FIXED);
            for (Dictionary dictionary : Dictionary.values()) {
                for (Order order : Order.values()) {
                    cases.add(Arguments.of(seed, dictionary + ", " + order, fixed.withDictionary(dictionary).withOrder(order)));
                }
            }
            cases.add(Arguments.of(seed, "rotation, staging leftovers, u16 ids, all columns optional", fixed
                    .withRotateRows(300).withStagingLeftovers(true).withIdWidths(ExporterSettings.IdWidths.NARROW).withRequiredColumns(false)));
            cases.add(Arguments.of(seed, "id overflow starts partitions", fixed.withMaxIdsPerPartition(400)));
            cases.add(Arguments.of(seed, "unpartitioned", fixed.withPartitioned(false)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("cases")
    void literalReplayEqualsTheParquetJavaHashJoin(long seed, String name, ExporterSettings settings) {
        List<LogsData> input = OtlpSamples.logs(seed, 12, 60);
        try (ExporterSimulator exporter = new ExporterSimulator(base, settings)) {
            input.forEach(exporter::write);
        }

        List<ByteString> pqflux = new ArrayList<>();
        List<ReplayedBatch<LogsData>> batches = OtapExport.local(base).<LogsData>replay(Signal.LOGS,
                ReplayOptions.defaults().withJoinMode(JoinMode.LITERAL)).collectList().block();
        for (ReplayedBatch<LogsData> batch : batches) {
            assertThat(batch.unjoined()).as("unjoined rows").isEmpty();
            pqflux.addAll(records(batch.data()));
        }

        List<String> partitions = settings.partitioned() ? ParquetJavaOtap.partitions(base) : java.util.Collections.singletonList(null);
        if (settings.maxIdsPerPartition() < (1L << 32)) assertThat(partitions).as("partitions").hasSizeGreaterThan(1);
        List<ByteString> parquetJava = new ArrayList<>();
        for (String partition : partitions) {
            ParquetJavaOtap.logs(base, partition).forEach(data -> parquetJava.addAll(records(data)));
        }

        List<ByteString> golden = new ArrayList<>();
        input.forEach(data -> golden.addAll(records(Golden.preserved(data))));

        assertThat(sorted(parquetJava)).as("parquet-java's hash join gives back the input").isEqualTo(sorted(golden));
        assertThat(sorted(pqflux)).as("pqflux's literal replay equals parquet-java's hash join").isEqualTo(sorted(parquetJava));
        System.out.printf("ORACLE seed %d %s: %d records, %d pqflux batches, %d partitions%n", seed, name, pqflux.size(),
                batches.size(), partitions.size());
    }

    /** Each record as its own canonical {@code LogsData} (its resource, scope and itself), serialized. */
    static List<ByteString> records(LogsData data) {
        return Flattened.of(data).stream().map(r -> Golden.canonical((LogsData) r).toByteString()).toList();
    }

    static List<ByteString> sorted(List<ByteString> records) {
        return records.stream().sorted(ByteString.unsignedLexicographicalComparator()).toList();
    }
}
