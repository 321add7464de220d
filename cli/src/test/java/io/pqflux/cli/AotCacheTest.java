package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The ahead-of-time cache the build makes for the shaded jar (cli/pom.xml, {@link AotTraining}) is one the JVM uses
 * when started as the launcher starts it: {@code -XX:AOTMode=on} makes a refused cache (made for another jar, by
 * another JDK, or with other module options) fail the start instead of being skipped in silence.
 */
@EnabledIf("io.pqflux.cli.CliRun#shaded")
class AotCacheTest {

    @Test
    void launcherStartsWithTheBuildsCache() throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:AOTCache=" + CliRun.requiredProperty("pqflux.cli.aotCache"),
                "-XX:AOTMode=on", "-Xlog:class+load=info", "-jar", CliRun.requiredProperty("pqflux.cli.shadedJar"),
                "tempo", "tags", Corpus.root().resolve("tempo").toString(), "single-tenant");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pqflux did not finish within 120 s: " + command);
        }
        String output = read.join();
        assertThat(process.exitValue()).as(output).isZero();
        // the tool's own classes come from the cache, not from the jar
        assertThat(output).contains("io.pqflux.cli.TempoCommand source: shared objects file")
                .contains("io.pqflux.tempo.TempoTenant source: shared objects file");
    }
}
