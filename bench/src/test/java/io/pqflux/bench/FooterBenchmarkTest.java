package io.pqflux.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FooterBenchmarkTest {

    @Test
    void bothModelsOfTheTempoFooterAgree() {
        FooterBenchmark benchmark = new FooterBenchmark();
        benchmark.file = "tempo";
        benchmark.setUp(); // throws when the two models disagree
        try {
            assertThat(benchmark.pqflux()).isEqualTo(benchmark.parquetFormatStructures()).isNotZero();
        } finally {
            benchmark.tearDown();
        }
    }
}
