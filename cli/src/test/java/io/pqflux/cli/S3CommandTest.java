package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static io.pqflux.cli.CliRun.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pqflux.testdata.WideTestFile;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.s3.testkit.LocalS3;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code inspect} and {@code cat} on {@code s3://} URIs, against S3Proxy in this JVM checking Signature V4: the
 * output equals the output for the same local file; failures are one line naming the URI and the request.
 * Credentials and region come from the SDK's default chain, here its system properties (passed on to the
 * launched tool in the integration-test runs).
 */
class S3CommandTest {

    private static final String BUCKET = "data";

    private static LocalS3 s3;
    /** Local path and its s3:// URI. */
    private static final List<String[]> FILES = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path temp) throws Exception {
        s3 = new LocalS3();
        s3.createBucket(BUCKET);
        // small files are read whole at open; the generated one (several MiB, five row groups) by ranges
        Path wide = WideTestFile.write(temp, 20_000, 1L << 20, 42);
        for (String local : List.of(corpus("data/alltypes_plain.parquet"), corpus("data/alltypes_tiny_pages.parquet"),
                wide.toString())) {
            String key = "dir/" + Path.of(local).getFileName();
            s3.put(BUCKET, key, Files.readAllBytes(Path.of(local)));
            FILES.add(new String[] {local, "s3://" + BUCKET + "/" + key});
        }
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

    static Stream<String[]> files() {
        return FILES.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void inspectPrintsWhatItPrintsForTheLocalFile(String local, String uri) {
        String expected = succeeded(run("inspect", local)).out().replace(local, uri);
        assertThat(succeeded(run(withStore("inspect", uri))).out()).isEqualTo(expected).startsWith("file: " + uri + "\n");
        String expectedJson = succeeded(run("inspect", "--json", "--pages", "--index", "--bloom", local)).out().replace(local, uri);
        assertThat(succeeded(run(withStore("inspect", "--json", "--pages", "--index", "--bloom", uri))).out())
                .isEqualTo(expectedJson);
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void catWithColumnsAndWherePrintsWhatItPrintsForTheLocalFile() {
        String[] tiny = FILES.get(1);
        List<String> options = List.of("--columns", "id,string_col,timestamp_col", "--where", "id >= 100 and id < 4000 and bool_col = true");
        String expected = succeeded(run(Stream.concat(Stream.of("cat", tiny[0]), options.stream()).toArray(String[]::new))).out();
        assertThat(expected.lines()).hasSize(1950);
        assertThat(succeeded(run(withStore(Stream.concat(Stream.of("cat", tiny[1]), options.stream()).toArray(String[]::new)))).out())
                .isEqualTo(expected);

        String[] wide = FILES.get(2);
        List<String> csv = List.of("--format", "csv", "--columns", "id,name,category,created", "--where", "quantity < 20 and flag = true");
        String expectedCsv = succeeded(run(Stream.concat(Stream.of("cat", wide[0]), csv.stream()).toArray(String[]::new))).out();
        assertThat(expectedCsv.lines().count()).isGreaterThan(100);
        assertThat(succeeded(run(withStore(Stream.concat(Stream.of("cat", wide[1]), csv.stream()).toArray(String[]::new)))).out())
                .isEqualTo(expectedCsv);
    }

    @Test
    void statsCountTheRequests() throws IOException {
        String[] small = FILES.getFirst();
        // a small object: the HEAD, then one GET of the whole object at open
        CliRun inspect = run(withStore("inspect", "--stats", small[1]));
        assertThat(inspect.exitCode()).isZero();
        assertThat(inspect.err()).isEqualTo("requests: 2 (retries 0), bytes fetched " + Files.size(Path.of(small[0])) + "\n");
        assertThat(run("inspect", "--stats", small[0]).err()).isEqualTo("requests: none (local file)\n");

        CliRun cat = run(withStore("cat", "--stats", "--columns", "id", FILES.get(2)[1]));
        assertThat(cat.exitCode()).isZero();
        assertThat(cat.err()).contains("rows: 20000, scanned 20000, matched 20000\n")
                .containsPattern("\nrequests: ([3-9]|\\d\\d+) \\(retries 0\\), bytes fetched \\d+\n$");
    }

    @Test
    void aMissingKeyOrBucketIsOneLineNamingTheUriAndTheRequest() {
        // the answer to a HEAD has no body, so no S3 error code (NoSuchKey, NoSuchBucket) comes with the status
        CliRun key = run(withStore("cat", "s3://" + BUCKET + "/dir/missing.parquet"));
        assertThat(key.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
        assertThat(key.out()).isEmpty();
        assertThat(key.err()).startsWith("pqflux: s3://data/dir/missing.parquet: NOT_FOUND (HTTP 404)")
                .contains("HEAD " + s3.endpoint() + "/data/dir/missing.parquet, 1 attempt").doesNotContain("\tat ")
                .hasLineCount(1);

        CliRun bucket = run(withStore("inspect", "s3://no-such-bucket/x.parquet"));
        assertThat(bucket.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
        assertThat(bucket.err()).startsWith("pqflux: s3://no-such-bucket/x.parquet: NOT_FOUND (HTTP 404)")
                .hasLineCount(1);

        CliRun verbose = run(withStore("--verbose", "inspect", "s3://no-such-bucket/x.parquet"));
        assertThat(verbose.err()).contains("ObjectRequestException").contains("\tat ");
    }

    @Test
    void wrongOrMissingCredentialsAreAccessDenied() {
        String uri = FILES.getFirst()[1];
        System.setProperty("aws.secretAccessKey", "wrong");
        try {
            CliRun wrong = run(withStore("inspect", uri));
            assertThat(wrong.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
            assertThat(wrong.err()).startsWith("pqflux: " + uri + ": ACCESS_DENIED (HTTP 403").hasLineCount(1);
        } finally {
            System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        }
        CliRun anonymous = run(withStore("cat", "--s3-anonymous", uri));
        assertThat(anonymous.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
        assertThat(anonymous.err()).startsWith("pqflux: " + uri + ": ACCESS_DENIED (HTTP 403").hasLineCount(1);
    }

    @Test
    void noCredentialsAnywhereSaysSoAndHowToGiveThem() {
        // the chain's other sources, as far as system properties reach: none from the environment of the test run
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null, "the environment has AWS credentials");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        List<String> isolation = List.of("aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata");
        System.setProperty("aws.sharedCredentialsFile", "/nonexistent/credentials");
        System.setProperty("aws.configFile", "/nonexistent/config");
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            String uri = FILES.getFirst()[1];
            CliRun result = run(withStore("inspect", uri));
            assertThat(result.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
            assertThat(result.err()).startsWith("pqflux: " + uri + ": no AWS credentials found (looked in AWS_ACCESS_KEY_ID")
                    .contains("--s3-anonymous").hasLineCount(1);
        } finally {
            isolation.forEach(System::clearProperty);
            TestStore.useCredentials();
        }
    }

    @Test
    void anonymousAccessReadsAPublicBucket() throws Exception {
        try (LocalS3 open = LocalS3.withoutAuthentication()) {
            open.createBucket("public");
            String[] small = FILES.getFirst();
            open.put("public", "plain.parquet", Files.readAllBytes(Path.of(small[0])));
            CliRun result = run("cat", "s3://public/plain.parquet", "--s3-anonymous", "--s3-path-style",
                    "--s3-endpoint", open.endpoint().toString(), "--s3-region", "eu-west-1");
            assertThat(succeeded(result).out()).isEqualTo(succeeded(run("cat", small[0])).out());
        }
    }

    @Test
    void anUnreachableEndpointFailsAfterItsRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun result = run("inspect", FILES.getFirst()[1], "--s3-path-style", "--s3-endpoint", "http://127.0.0.1:" + closedPort);
        assertThat(result.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
        assertThat(result.err()).startsWith("pqflux: " + FILES.getFirst()[1] + ": CONNECTION")
                .contains("HEAD http://127.0.0.1:" + closedPort + "/data/dir/").contains("4 attempts").hasLineCount(1);
    }

    @Test
    void malformedUrisAndEndpointsAreUsageErrors() {
        CliRun noKey = run(withStore("inspect", "s3://data"));
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).startsWith("pqflux: expected s3://bucket/key, got s3://data (see 'pqflux inspect --help')");
        CliRun endpoint = run("cat", FILES.getFirst()[1], "--s3-endpoint", "ftp://host/");
        assertThat(endpoint.exitCode()).isEqualTo(2);
        assertThat(endpoint.err()).startsWith("pqflux: Invalid value for option '--s3-endpoint': 'ftp://host/': expected "
                + "an http:// or https:// URL with a host");
    }
}
