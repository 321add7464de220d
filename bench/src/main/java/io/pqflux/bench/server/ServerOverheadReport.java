package io.pqflux.bench.server;

import io.pqflux.bench.report.JmhResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The overhead of serving over HTTP, from the JMH JSON of {@code TempoServerOverheadBenchmark}: per data and call, the
 * time through the server over the time on the library ({@code http/library}, 1 when serving costs nothing) and the
 * time it adds, each with an error bar propagated from JMH's (99.9 % half-widths, relative errors added in quadrature
 * for the ratio, absolute ones for the difference); with {@code -prof gc}, the heap allocated per call on each side.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.pqflux.bench.server.ServerOverheadReport run.json
 * </pre>
 */
public final class ServerOverheadReport {

    private static final String BENCHMARK = "TempoServerOverheadBenchmark";
    /** The compared calls: the report's name, then the library's and the server's methods. */
    private static final List<List<String>> CALLS = List.of(List.of("trace-by-id", "libraryTraceById", "httpTraceById"),
            List.of("search", "librarySearch", "httpSearch"));

    private ServerOverheadReport() {
    }

    public static void main(String[] args) {
        if (args.length == 0) throw new IllegalArgumentException("usage: ServerOverheadReport JMH_JSON...");
        List<JmhResult> results = JmhResult.read(List.of(args).stream().map(Path::of).toList()).stream()
                .filter(r -> r.benchmarkClass().equals(BENCHMARK)).toList();
        List<String> lines = lines(results);
        if (lines.isEmpty()) throw new IllegalArgumentException("no pair of " + BENCHMARK + " results in " + List.of(args));
        lines.forEach(System.out::println);
    }

    /** One line per pair of library and server results run with the same parameters. */
    static List<String> lines(List<JmhResult> results) {
        return results.stream().flatMap(library -> CALLS.stream()
                .filter(call -> call.get(1).equals(library.method()))
                .flatMap(call -> results.stream()
                        .filter(http -> http.method().equals(call.get(2)) && http.params().equals(library.params()))
                        .map(http -> line(call.getFirst(), library, http)))).toList();
    }

    private static String line(String call, JmhResult library, JmhResult http) {
        double ratio = http.score() / library.score();
        double ratioError = ratio * Math.hypot(http.scoreError() / http.score(), library.scoreError() / library.score());
        String line = String.format(Locale.ROOT, "OVERHEAD %s %s: library %.3f ± %.3f %s, http %.3f ± %.3f %s;"
                        + " http/library = %.2f ± %.2f, added %.3f ± %.3f %s", library.params(), call, library.score(),
                library.scoreError(), library.unit(), http.score(), http.scoreError(), http.unit(), ratio, ratioError,
                http.score() - library.score(), Math.hypot(http.scoreError(), library.scoreError()), http.unit());
        if (Double.isNaN(library.allocationPerOp()) || Double.isNaN(http.allocationPerOp())) return line;
        return line + String.format(Locale.ROOT, "; heap allocated per call: library %.0f B, http %.0f B",
                library.allocationPerOp(), http.allocationPerOp());
    }
}
