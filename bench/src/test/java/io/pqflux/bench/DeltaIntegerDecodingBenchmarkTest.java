package io.pqflux.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaIntegerDecodingBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"startTimes", "durations"})
    void everyOperationPassesTheGate(String values) throws IOException {
        DeltaIntegerDecodingBenchmark benchmark = new DeltaIntegerDecodingBenchmark();
        benchmark.values = values;
        benchmark.setUp(); // throws when a decoder's values differ from those written
        try {
            benchmark.pqflux();
            benchmark.parquetJava();
            assertThatCode(benchmark::checkLast).doesNotThrowAnyException();
            benchmark.pqfluxSkipping();
            benchmark.parquetJavaSkipping();
            assertThatCode(benchmark::checkLast).doesNotThrowAnyException();
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theGateFailsOnAValueNotWritten(boolean skipping) throws IOException {
        DeltaIntegerDecodingBenchmark benchmark = new DeltaIntegerDecodingBenchmark();
        benchmark.values = "startTimes";
        benchmark.setUp();
        try {
            // value 31 is read whole and by the skipping operations (the 16th of each 16)
            benchmark.written[31]++;
            if (skipping) benchmark.pqfluxSkipping();
            else benchmark.pqflux();
            assertThatThrownBy(benchmark::checkLast).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pqflux decoded value 31");
        } finally {
            benchmark.tearDown();
        }
    }
}
