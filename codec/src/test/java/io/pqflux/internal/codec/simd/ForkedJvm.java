package io.pqflux.internal.codec.simd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM — this one's {@code java} binary and class path — running a main class of the tests with the
 * given JVM flags: how the kernel choice is checked under flags a test JVM cannot change for itself (no
 * vector module, no C2, narrower vectors). Both output streams are drained while it runs.
 */
final class ForkedJvm {

    /** The JVM's own notice for incubator modules, printed on every start with the module; not ours. */
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    private static final long TIMEOUT_SECONDS = 120;

    private ForkedJvm() {
    }

    record Result(List<String> command, int exitCode, String out, String err) {

        /** Everything about the run, for assertion messages. */
        String describe() {
            return "exit " + exitCode + " of " + command + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs {@code main} with {@code flags} before the class path and {@code args} after the class name. */
    static Result run(List<String> flags, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("forked JVM did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(List.copyOf(command), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String drain(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
