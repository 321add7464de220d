package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The ahead-of-time cache the build makes for the shaded jar (cli/pom.xml, {@link AotTraining}) is one the JVM uses
 * when started as the launcher starts it: {@code -XX:AOTMode=on} makes a refused cache (made for another jar or by
 * another JDK) fail the start instead of being skipped in silence.
 */
@EnabledIf("io.pqflux.cli.CliRun#shaded")
@Tag(CliRun.SHADED_JAR)
class AotCacheTest {

    @Test
    void launcherStartsWithTheBuildsCache() {
        CliRun run = CliRun.launched(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:AOTCache=" + CliRun.requiredProperty("pqflux.cli.aotCache"),
                "-XX:AOTMode=on", "-Xlog:class+load=info", "-jar", CliRun.requiredProperty("pqflux.cli.shadedJar"),
                "tempo", "tags", Corpus.root().resolve("tempo").toString(), "single-tenant"));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        // the tool's own classes come from the cache, not from the jar (the JVM logs class loading on stdout)
        assertThat(run.out()).contains("io.pqflux.cli.TempoCommand source: shared objects file")
                .contains("io.pqflux.tempo.TempoTenant source: shared objects file");
    }
}
