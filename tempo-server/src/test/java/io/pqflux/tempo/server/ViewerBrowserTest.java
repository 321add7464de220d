package io.pqflux.tempo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pqflux.storage.ObjectStore;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace viewer at {@code /} in a real browser: {@code src/test/browser/viewer.test.mjs} drives Debian's Chromium
 * with playwright-core against a server over the bundled blocks, and checks the page against the server's own API
 * answers (search rows, the waterfall's order and bars, a span's attributes, a partial trace, an error, metrics
 * charts). Node, Chromium and playwright-core are what {@code .ci/test-tools} installs; without them the test fails
 * and says so, as the Azure tests do without Azurite.
 *
 * <p>With {@code -Dpqflux.viewer.screenshots=true} (or {@code PQFLUX_VIEWER_SCREENSHOTS=true}) the run also writes
 * the screenshots of {@code docs/tempo-server.md} into {@code docs/images}.
 */
class ViewerBrowserTest {

    /** The version {@code .ci/test-tools} installs. */
    static final String PLAYWRIGHT_VERSION = "1.65.1";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    @Test
    void searchTraceAndMetricsInChromium() throws Exception {
        Path script = Path.of("src", "test", "browser", "viewer.test.mjs").toAbsolutePath();
        assertThat(script).as("the browser script (the test runs in the module's folder)").isRegularFile();
        String node = node();
        Path modules = playwrightModules();
        Path chromium = chromium();

        ObjectStore store = ServedBlocks.store(dir);
        TempoServer server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0));
        try {
            TempoApiTest.awaitReady(server);
            Path output = dir.resolve("browser-output.txt");
            ProcessBuilder run = new ProcessBuilder(node, script.toString(), server.uri().toString())
                    .redirectErrorStream(true)
                    // a file, not a pipe: a chatty browser cannot fill a buffer nobody reads
                    .redirectOutput(output.toFile());
            Map<String, String> env = run.environment();
            env.put("NODE_PATH", modules.toString());
            env.put("PQFLUX_CHROMIUM", chromium.toString());
            Path shots = screenshots();
            if (shots != null) env.put("SCREENSHOT_DIR", shots.toString());
            else env.remove("SCREENSHOT_DIR");
            Process process = run.start();
            boolean finished = process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String said = Files.readString(output, StandardCharsets.UTF_8);
            if (!finished) fail("the browser run took longer than " + RUN_LIMIT + ":\n" + said);
            assertThat(process.exitValue()).as("the browser run's exit code; its output:\n%s", said).isZero();
            System.out.println(said.lines().reduce((first, last) -> last).orElse(""));
        } finally {
            server.close();
            store.close();
        }
    }

    private static String node() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "node");
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        throw new IllegalStateException("the viewer's browser test needs Node.js on the PATH: run 'sh .ci/test-tools' "
                + "(the README's test command does)");
    }

    /** playwright-core's node_modules folder: {@code $PQFLUX_PLAYWRIGHT}, else where .ci/test-tools installs it. */
    private static Path playwrightModules() {
        String configured = System.getenv("PQFLUX_PLAYWRIGHT");
        Path modules = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "pqflux", "playwright-" + PLAYWRIGHT_VERSION,
                "node_modules");
        if (!Files.isRegularFile(modules.resolve("playwright-core").resolve("package.json"))) {
            throw new IllegalStateException("the viewer's browser test needs playwright-core in " + modules + ": run "
                    + "'sh .ci/test-tools' (the README's test command does), or set PQFLUX_PLAYWRIGHT to a "
                    + "node_modules folder holding it");
        }
        return modules;
    }

    /** The browser: {@code $PQFLUX_CHROMIUM}, else Debian's Chromium, which .ci/test-tools installs. */
    private static Path chromium() {
        String configured = System.getenv("PQFLUX_CHROMIUM");
        Path browser = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(browser)) {
            throw new IllegalStateException("the viewer's browser test needs Chromium at " + browser + ": run "
                    + "'sh .ci/test-tools' (the README's test command does), or set PQFLUX_CHROMIUM to a Chromium "
                    + "or Chrome executable");
        }
        return browser;
    }

    /** docs/images when screenshots are asked for, else null (CI leaves the docs alone). */
    private static Path screenshots() throws IOException {
        String asked = System.getProperty("pqflux.viewer.screenshots", System.getenv("PQFLUX_VIEWER_SCREENSHOTS"));
        if (asked == null || asked.isBlank() || asked.equalsIgnoreCase("false")) return null;
        Path images = Path.of("").toAbsolutePath().resolveSibling("docs").resolve("images");
        return Files.createDirectories(images);
    }
}
