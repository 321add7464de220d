package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static io.pqflux.cli.CliRun.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.storage.azure.testkit.LocalAzurite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code inspect} and {@code cat} on {@code az://} URIs against Azurite, the account, key and endpoint
 * given as {@code --store-option}s: the output equals the output for the same local files; failures are one line
 * naming the URI, the request and Azure's error code.
 */
class AzureCommandTest {

    private static final String CONTAINER = "data";

    private static LocalAzurite azurite;
    private static String local;

    @BeforeAll
    static void start() throws Exception {
        azurite = new LocalAzurite();
        azurite.createContainer(CONTAINER);
        local = corpus("data/alltypes_tiny_pages.parquet");
        azurite.put(CONTAINER, "dir/tiny.parquet", Files.readAllBytes(Path.of(local)));
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    private static String[] withStore(String... args) {
        return Stream.concat(Stream.of(args), Stream.of(
                        "--store-option", "account=" + LocalAzurite.ACCOUNT,
                        "--store-option", "account-key=" + LocalAzurite.KEY,
                        "--store-option", "endpoint=" + azurite.endpoint()))
                .toArray(String[]::new);
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void inspectAndCatPrintWhatTheyPrintForTheLocalFile() {
        String uri = "az://" + CONTAINER + "/dir/tiny.parquet";
        String expected = succeeded(run("inspect", local)).out().replace(local, uri);
        assertThat(succeeded(run(withStore("inspect", uri))).out()).isEqualTo(expected).startsWith("file: " + uri + "\n");
        List<String> options = List.of("--columns", "id,string_col", "--where", "id >= 100 and id < 4000 and bool_col = true");
        String expectedRows = succeeded(run(Stream.concat(Stream.of("cat", local), options.stream()).toArray(String[]::new))).out();
        assertThat(expectedRows.lines()).hasSize(1950);
        assertThat(succeeded(run(withStore(Stream.concat(Stream.of("cat", uri), options.stream()).toArray(String[]::new)))).out())
                .isEqualTo(expectedRows);
    }

    @Test
    void aMissingBlobIsOneLineNamingTheUriAndTheRequest() {
        CliRun missing = run(withStore("cat", "az://" + CONTAINER + "/dir/missing.parquet"));
        assertThat(missing.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
        assertThat(missing.out()).isEmpty();
        // a HEAD has no body: Azure's code comes in its x-ms-error-code header
        assertThat(missing.err()).startsWith("pqflux: az://data/dir/missing.parquet: NOT_FOUND (HTTP 404 BlobNotFound)")
                .contains("HEAD " + azurite.endpoint() + "/data/dir/missing.parquet, 1 attempt").hasLineCount(1);
    }

    @Test
    void aWrongKeyIsAccessDeniedAndAMissingAccountNamesTheSettings() {
        String[] args = withStore("inspect", "az://" + CONTAINER + "/dir/tiny.parquet");
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("account-key=")) args[i] = "account-key=" + LocalAzurite.KEY.replace('E', 'F');
        }
        CliRun wrong = run(args);
        assertThat(wrong.exitCode()).isEqualTo(ErrorReporter.FILE_ERROR);
        assertThat(wrong.err()).startsWith("pqflux: az://data/dir/tiny.parquet: ACCESS_DENIED (HTTP 403").hasLineCount(1);

        CliRun noAccount = run("inspect", "--store-option", "endpoint=" + azurite.endpoint(), "az://" + CONTAINER + "/dir/tiny.parquet");
        assertThat(noAccount.exitCode()).isNotZero();
        assertThat(noAccount.err()).contains("no Azure storage account").hasLineCount(1);
    }
}
