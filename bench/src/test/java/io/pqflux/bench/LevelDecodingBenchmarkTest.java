package io.pqflux.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LevelDecodingBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void scalarAndVectorKernelsUnpackWhatWasPacked(int bitWidth) {
        LevelDecodingBenchmark benchmark = new LevelDecodingBenchmark();
        benchmark.bitWidth = bitWidth;
        benchmark.setUp(); // throws when either kernel's output differs from the packed levels
        benchmark.vector();
        benchmark.checkLastOutput();
        benchmark.tearDown();
    }
}
