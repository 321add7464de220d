package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the command line with captured output: in-process by default; as a user runs it when the system
 * property {@code pqflux.cli.launch} says so (the integration-test runs of the same tests):
 * {@code shaded} starts {@code java -jar pqflux-cli.jar}, {@code modules} starts the packaged module jars on the
 * module path ({@code java -p … -m io.pqflux.cli}), so a missing export or a split package fails.
 */
record CliRun(int exitCode, String out, String err) {

    /**
     * The tag of the tests the packaged runs (the shaded jar, the module jars on the module path) run: per command and
     * store, the ones that reach its code paths (its services, Jackson's reflection, the SDKs, the native codecs,
     * resources merged by the shading) with the fewest launches. A packaging mistake can only fail to resolve, find or
     * open something, which the first launch down a path shows; every test runs in-process, and running all of them
     * again as launches of a JVM each would add minutes per packaging.
     */
    static final String PACKAGED = "packaged";
    /** The tag of the tests only the shaded jar's run runs (its ahead-of-time cache). */
    static final String SHADED_JAR = "shaded-jar";
    private static final String LAUNCH = System.getProperty("pqflux.cli.launch", "in-process");
    /** The JVM's own notice for incubator modules, printed on every start; not the tool's output. */
    private static final Pattern INCUBATOR_NOTICE_LINE =
            Pattern.compile("^WARNING: Using incubator modules: jdk\\.incubator\\.vector\r?\n", Pattern.MULTILINE);
    private static final long TIMEOUT_SECONDS = 120;
    /** The module-path launch enables native access for the modules that use it: the codecs', and the CLI's isatty. */
    private static final String NATIVE_MODULES = "io.pqflux.cli,io.pqflux.codec,com.github.luben.zstd_jni,snappy.java,aircompressor.v3";

    /** Whether the tool runs as a packaged jar in a process of its own (the integration-test runs). */
    static boolean packaged() {
        return !LAUNCH.equals("in-process");
    }

    /** Whether the tool runs as {@code java -jar pqflux-cli.jar}, as the launcher starts it. */
    static boolean shaded() {
        return LAUNCH.equals("shaded");
    }

    static CliRun run(String... args) {
        return LAUNCH.equals("in-process") ? inProcess(args) : external(args);
    }

    /**
     * The tool started as its own process, as the launch mode says; in-process runs start it from the test class path.
     * Its output and errors go to {@code log}. For tests that stop it themselves (kill -9).
     */
    static Process start(Path log, String... args) throws IOException {
        return new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The java command line of the launch mode. */
    private static List<String> command(String... args) {
        List<String> launch = switch (LAUNCH) {
            case "in-process" -> List.of("--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "io.pqflux.cli.PqfluxCommand");
            // as the launcher starts it: with the build's ahead-of-time cache (AotCacheTest proves the cache is used)
            case "shaded" -> List.of("--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=" + requiredProperty("pqflux.cli.aotCache"),
                    "-Xlog:aot*=off", "-jar", requiredProperty("pqflux.cli.shadedJar"));
            case "modules" -> List.of("--enable-native-access=" + NATIVE_MODULES,
                    "--module-path", modulePath(), "-m", "io.pqflux.cli/io.pqflux.cli.PqfluxCommand");
            default -> throw new IllegalArgumentException("pqflux.cli.launch must be in-process, shaded or modules: " + LAUNCH);
        };
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
                "-Dpqflux.simd=" + System.getProperty("pqflux.simd", "true")));
        // the AWS SDK's settings (aws.accessKeyId, aws.region …) that a test set in this JVM hold for the tool too
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("aws.")).sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(launch);
        command.addAll(List.of(args));
        return command;
    }

    private static CliRun inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = PqfluxCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    private static CliRun external(String... args) {
        return launched(command(args));
    }

    /** Runs {@code command} (a java command line) to its end, within the timeout, with its output captured. */
    static CliRun launched(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process, false));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process, true));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("pqflux did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            // not split into lines: a progress line is redrawn after carriage returns, which lines() would turn into line ends
            String errText = INCUBATOR_NOTICE_LINE.matcher(err.join()).replaceAll("");
            return new CliRun(process.exitValue(), out.join(), errText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String drain(Process process, boolean errorStream) {
        try {
            byte[] bytes = (errorStream ? process.getErrorStream() : process.getInputStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged jars: the runtime class path that Maven wrote at package time, plus the CLI's own jar. */
    private static String modulePath() {
        try {
            String dependencies = Files.readString(Path.of(requiredProperty("pqflux.cli.dependencyPath"))).strip();
            return requiredProperty("pqflux.cli.jar") + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) throw new IllegalStateException("system property " + name + " is not set");
        return value;
    }

    static String corpus(String relativePath) {
        return Corpus.file(relativePath).toString();
    }

    /** The output lines of a run that must succeed quietly. */
    static List<String> successfulLines(String... args) {
        return succeeded(run(args)).lines();
    }

    /** The result of a run that must have succeeded quietly: exit code 0, nothing on stderr. */
    static CliRun succeeded(CliRun result) {
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        return result;
    }

    /** Output lines without their line ends (LF or CRLF). */
    List<String> lines() {
        return out.lines().toList();
    }
}
