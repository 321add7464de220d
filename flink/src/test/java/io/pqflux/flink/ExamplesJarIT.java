package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code target/pqflux-flink-examples.jar} run with plain {@code java -jar}, as a user runs it: its output against
 * the single-machine API, which is what {@code pqflux otap replay} prints.
 */
class ExamplesJarIT {

    @TempDir
    Path dir;

    private record Run(int status, List<String> stdout, String stderr) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", System.getProperty("pqflux.flink.examplesJar")));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the example finished").isTrue();
        return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void otapReplayPrintsWhatTheReplayRebuilds(Signal signal) throws Exception {
        Path export = Corpus.root().resolve("otap");
        List<String> expected = OtapExport.local(export).<Message>replay(signal, ReplayOptions.defaults())
                .map(ReplayedBatch::data).map(OtlpJson::write).collectList().block();
        Run run = run("otap-replay", export.toString(), "--signal", signal.name().toLowerCase(Locale.ROOT), "--parallelism", "2");
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(expected).isNotEmpty();
        assertThat(run.stdout()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void tempoSpansCountsSpansPerService() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        TempoTenant tenant = TempoTenant.local(Corpus.root().resolve("tempo"), "single-tenant");
        for (var meta : tenant.blocks()) {
            for (var span : tenant.block(meta).spans(TraceReadOptions.defaults()).collectList().block()) {
                String service = span.resource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                        .map(a -> a.getValue().getStringValue()).findFirst().orElse("");
                expected.merge(service, 1L, Long::sum);
            }
        }
        Run run = run("tempo-spans", Corpus.root().resolve("tempo").toString(), "single-tenant", "--parallelism", "2");
        assertThat(run.status()).as(run.stderr()).isZero();
        List<String> lines = new ArrayList<>();
        expected.forEach((service, spans) -> lines.add(service + "\t" + spans));
        lines.add("total\t" + expected.values().stream().mapToLong(Long::longValue).sum() + " spans\t" + expected.size() + " services");
        assertThat(run.stdout()).containsExactlyElementsOf(lines);
    }

    @Test
    void aWrongCommandLineIsNamedWithTheUsage() throws Exception {
        Run run = run("otap-replay", dir.toString(), "--signal", "profiles");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr()).contains("--signal is logs, traces or metrics, not 'profiles'").contains("usage: otap-replay BASE");
    }
}
