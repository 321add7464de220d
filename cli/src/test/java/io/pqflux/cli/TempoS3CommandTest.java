package io.pqflux.cli;

import static io.pqflux.cli.CliRun.run;
import static io.pqflux.cli.CliRun.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.testdata.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pqflux tempo} on a backend root under an S3 prefix (S3Proxy on loopback) prints what it prints on disk. */
class TempoS3CommandTest {

    private static final String LOCAL_ROOT = Corpus.tempoBlock().getParent().getParent().toString();
    private static final String S3_ROOT = "s3://traces/tempo";
    private static final String BLOCK = "b27b0e53-66a0-4505-afd6-434ae3cd4a10";
    private static LocalS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("traces");
        try (Stream<Path> files = Files.list(Corpus.tempoBlock())) {
            for (Path file : files.toList()) {
                s3.put("traces", "tempo/single-tenant/" + BLOCK + "/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        TestStore.useCredentials();
    }

    @AfterAll
    static void stop() throws Exception {
        TestStore.clearCredentials();
        s3.close();
    }

    @Test
    void blocksCatAndTraceMatchTheLocalRoot() {
        for (String[] command : new String[][] {
                {"tempo", "blocks", "ROOT", "single-tenant"},
                {"tempo", "cat", "ROOT", "single-tenant", BLOCK},
                {"tempo", "trace", "ROOT", "single-tenant", "474be8b43449fb", "--format", "tempo-v2"}}) {
            String expected = succeeded(run(replace(command, LOCAL_ROOT))).out();
            String remote = succeeded(run(TestStore.withStore(s3, replace(command, S3_ROOT)))).out();
            assertThat(remote).as(String.join(" ", command)).isNotEmpty();
            // v2 reports the bytes read, which differ between a mapped file and range GETs
            if (command[1].equals("trace")) {
                assertThat(remote.replaceAll("\"inspectedBytes\":\"\\d+\"", "")).isEqualTo(expected.replaceAll("\"inspectedBytes\":\"\\d+\"", ""));
            } else {
                assertThat(remote).isEqualTo(expected);
            }
        }
    }

    private static String[] replace(String[] command, String root) {
        return Stream.of(command).map(a -> a.equals("ROOT") ? root : a).toArray(String[]::new);
    }
}
