package io.pqflux.cli;

import static io.pqflux.cli.CliRun.run;
import static io.pqflux.cli.CliRun.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.reactive.testkit.OffHeapReleased;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan} and {@code index} over an s3:// prefix (S3Proxy in this JVM): the same rows as the local scan of the
 * same files, the index sidecar found under the prefix, {@code index} writing with {@code --out} only.
 */
@ExtendWith(OffHeapReleased.class)
class S3ScanTest {

    private static final String BUCKET = "lake";

    @TempDir
    static Path temp;
    private static LocalS3 s3;
    private static Path local;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket(BUCKET);
        local = temp.resolve("events");
        for (String path : DatasetFixture.write(local)) {
            s3.put(BUCKET, "events/" + path, Files.readAllBytes(local.resolve(path)));
        }
        // a neighbour prefix that is not part of the dataset
        s3.put(BUCKET, "events-old/x.parquet", new byte[] {1, 2, 3});
        TestStore.useCredentials();
    }

    @AfterAll
    static void stop() throws Exception {
        TestStore.clearCredentials();
        s3.close();
    }

    private static String[] withStore(String... args) {
        return TestStore.withStore(s3, args);
    }

    @Test
    void scanPrintsWhatTheLocalScanPrints() {
        for (List<String> options : List.of(List.<String>of(), List.of("--format", "csv", "--where", "month = 3 or id < 5"),
                List.of("--columns", "year,name", "--limit", "150"))) {
            String expected = succeeded(run(Stream.concat(Stream.of("scan", local.toString()), options.stream())
                    .toArray(String[]::new))).out();
            assertThat(expected).isNotEmpty();
            for (String uri : List.of("s3://" + BUCKET + "/events", "s3://" + BUCKET + "/events/")) {
                assertThat(succeeded(run(withStore(Stream.concat(Stream.of("scan", uri), options.stream())
                        .toArray(String[]::new)))).out()).isEqualTo(expected);
            }
        }
        assertThat(String.join("\n", succeeded(run(withStore("scan", "s3://" + BUCKET + "/events"))).lines()))
                .isEqualTo(String.join("\n", DatasetFixture.expectedLines(id -> true)));
    }

    @Test
    void indexIsWrittenLocallyAndFoundUnderThePrefixOnceUploaded() throws Exception {
        String uri = "s3://" + BUCKET + "/events";
        CliRun refused = run(withStore("index", uri, "--columns", "id"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("pqflux: writing to object storage is not supported: give --out FILE, then upload it as s3://"
                + BUCKET + "/events/" + DatasetIndex.FILE_NAME);

        Path index = temp.resolve("s3-index.json");
        succeeded(run(withStore("index", uri, "--columns", "id", "--out", index.toString())));
        CliRun explicit = run(withStore("scan", uri, "--where", "id >= 250 and id < 260", "--stats", "--index", index.toString()));
        assertThat(explicit.lines()).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> id >= 250 && id < 260));
        assertThat(explicit.err()).startsWith("files: 6 (0 other files ignored by name), skipped 5 (partition 0, index 5, statistics 0), opened 1, ")
                .containsPattern("\nrequests: \\d+ \\(files; the listing not counted\\)\n$");

        // the same files under another prefix, with the index uploaded as its sidecar
        String indexed = "s3://" + BUCKET + "/indexed";
        for (String path : DatasetFixture.write(temp.resolve("indexed"))) {
            s3.put(BUCKET, "indexed/" + path, Files.readAllBytes(local.resolve(path)));
        }
        succeeded(run(withStore("index", indexed, "--columns", "id", "--out", temp.resolve("indexed.json").toString())));
        s3.put(BUCKET, "indexed/" + DatasetIndex.FILE_NAME, Files.readAllBytes(temp.resolve("indexed.json")));
        CliRun sidecar = run(withStore("scan", indexed, "--where", "id >= 250 and id < 260", "--stats"));
        assertThat(sidecar.lines()).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> id >= 250 && id < 260));
        // the sidecar is listed too, a hidden name: not data
        assertThat(sidecar.err()).startsWith("files: 6 (1 other files ignored by name), skipped 5 (partition 0, index 5, statistics 0), ");
        assertThat(run(withStore("scan", indexed, "--where", "id >= 250 and id < 260", "--stats", "--no-index")).err())
                .startsWith("files: 6 (1 other files ignored by name), skipped 5 (partition 0, index 0, statistics 5), ");
    }
}
