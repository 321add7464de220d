package io.pqflux.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.bench.report.JmhResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOverheadReportTest {

    @Test
    void pairsEachLibraryCallWithItsHttpCallOfTheSameData() {
        List<JmhResult> results = List.of(
                result("libraryTraceById", "bundled", 1, 0.1, Double.NaN),
                result("httpTraceById", "bundled", 1.5, 0.15, Double.NaN),
                result("librarySearch", "tenant200", 200, 20, 4_000_000),
                result("httpSearch", "tenant200", 210, 10, 5_000_000),
                result("httpSearch", "bundled", 999, 1, Double.NaN));
        assertThat(ServerOverheadReport.lines(results)).containsExactly(
                "OVERHEAD {data=bundled} trace-by-id: library 1.000 ± 0.100 ms/op, http 1.500 ± 0.150 ms/op;"
                        + " http/library = 1.50 ± 0.21, added 0.500 ± 0.180 ms/op",
                "OVERHEAD {data=tenant200} search: library 200.000 ± 20.000 ms/op, http 210.000 ± 10.000 ms/op;"
                        + " http/library = 1.05 ± 0.12, added 10.000 ± 22.361 ms/op;"
                        + " heap allocated per call: library 4000000 B, http 5000000 B");
    }

    private static JmhResult result(String method, String data, double score, double error, double allocation) {
        return new JmhResult("TempoServerOverheadBenchmark", method, Map.of("data", data), score, error, "ms/op",
                allocation, Map.of());
    }
}
