package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/** Runs a source on the test's MiniCluster and collects its records. */
final class Jobs {

    private Jobs() {
    }

    static <T> List<T> collect(Source<T, ?, ?> source, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "pqflux").executeAndCollect()) {
            records.forEachRemaining(out::add);
        }
        return out;
    }

    /** Records as sorted hex strings of their encoding: multisets compared in one assertion, with readable diffs. */
    static <T> List<String> sortedEncodings(List<T> records, Function<T, byte[]> encoding) {
        return records.stream().map(r -> HexFormat.of().formatHex(encoding.apply(r))).sorted().toList();
    }

    /** A counter a job's readers reported, summed over them. */
    static long counter(InMemoryReporter metrics, JobID job, String name) {
        Map<String, Metric> found = metrics.findMetrics(job, name);
        assertThat(found).as("reported " + name).isNotEmpty();
        return found.values().stream().mapToLong(metric -> ((Counter) metric).getCount()).sum();
    }

    static List<String> sortedHex(List<byte[]> encoded) {
        return encoded.stream().map(HexFormat.of()::formatHex).sorted().toList();
    }
}
