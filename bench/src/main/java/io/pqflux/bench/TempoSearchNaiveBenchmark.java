package io.pqflux.bench;

import io.pqflux.bench.data.TempoBlockFile;
import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.bench.tempo.SearchQueries;
import io.pqflux.tempo.TempoBlock;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The search suite's third variant, {@code naive}: tempo's test oracle {@code NaiveTraceQl} on every trace of the
 * generated block read whole ({@link SearchAnswer#naive}), the denominator of {@code RATIO search-<query>
 * pqflux/naive}. A class of its own because each search reads and assembles the whole 100 MB block: it runs the
 * queries of {@link TempoSearchBenchmark} that match on the generated block ({@code tempo17}, the only one of Tempo's
 * §14 queries whose names the generator uses, and the four {@code gen*} ones), the three of Tempo's that match nothing
 * but that no statistic or dictionary rules out, so the engine reads their columns ({@code tempo01}, {@code tempo02},
 * {@code tempo22}), and one that the engine prunes whole ({@code tempo04}, standing for the other 17 like it).
 * Checksum gate: every search's answer equals the cached naive answer the engine's trials are checked against (in
 * setup and after every iteration). The spans returned are counted as {@code spss=3}; no byte counter:
 * it reads every column chunk of the block whole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class TempoSearchNaiveBenchmark {

    @Param({"tempo01", "tempo02", "tempo04", "tempo17", "tempo22", "genDedicated", "genGeneric", "genStructural",
        "genCount"})
    public String query;

    /** The last search's results (the same every search). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double spans;
        public double traces;
    }

    private TempoBlock block;
    private String text;
    private SearchAnswer expected;
    private SearchAnswer last;

    @Setup(Level.Trial)
    public void setUp() {
        Path directory = TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES);
        text = SearchQueries.query(query);
        block = TempoBlock.open(directory);
        expected = SearchAnswer.naiveCached(directory, text);
        SearchAnswer.check("naive", text, naive(new Counts()), expected);
    }

    @Benchmark
    public SearchAnswer naive(Counts counts) {
        last = SearchAnswer.naive(block, text);
        counts.spans = last.spans();
        counts.traces = last.traces();
        return last;
    }

    @TearDown(Level.Iteration)
    public void checkLastSearch() {
        SearchAnswer.check("the last measured naive search", text, last, expected);
    }
}
