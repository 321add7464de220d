package io.pqflux.bench.server;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.tempo.server.TempoServer;
import io.pqflux.tempo.server.TempoServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TempoServer} in a JVM of its own, so that its memory is measured without the load clients'. The two
 * processes talk over the server process's standard streams: it prints {@code READY <uri>} once its first block listing
 * is done; each line {@code MEMORY} it reads makes it print its {@link MemoryFigures}; the end of its input (the load
 * closing it, or exiting) closes the server and ends the process. Its errors go to the load's standard error.
 */
final class ServerProcess implements AutoCloseable {

    /** The JVM the server runs in: the benchmarks' flags and heap limit, G1 as on a server with several cores. */
    private static final List<String> JVM_OPTIONS = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx4g", "-XX:+UseG1GC");
    private static final String READY = "READY ";
    private static final String MEMORY = "MEMORY";
    private static final long READY_PATIENCE_MILLIS = 300_000;

    private final Process process;
    private final BufferedReader output;
    private final Writer input;
    private final URI uri;

    private ServerProcess(Process process, BufferedReader output, Writer input, URI uri) {
        this.process = process;
        this.output = output;
        this.input = input;
        this.uri = uri;
    }

    /**
     * Starts the server over the backend root {@code root}, answering up to {@code maxQueries} queries at once, and
     * waits until it is ready.
     */
    static ServerProcess start(Path root, int maxQueries) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
                root.toString(), Integer.toString(maxQueries)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer input = process.outputWriter(StandardCharsets.UTF_8);
        String first = output.readLine();
        if (first == null || !first.startsWith(READY)) {
            process.destroy();
            throw new IllegalStateException("the server process did not start: it printed " + first
                    + " (exit status " + (process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : "none yet") + ")");
        }
        return new ServerProcess(process, output, input, URI.create(first.substring(READY.length())));
    }

    URI uri() {
        return uri;
    }

    /** The CPU time the server process has used so far. */
    Duration cpuTime() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not tell a process's CPU time"));
    }

    /** The server process's memory peaks so far. */
    MemoryFigures memory() throws IOException {
        input.write(MEMORY + "\n");
        input.flush();
        return MemoryFigures.parse(output.readLine());
    }

    /** Closes the server's input, so it stops; kills it if it has not ended 30 s later. */
    @Override
    public void close() throws IOException {
        try {
            input.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the server process did not stop within 30 s of its input's end: killed");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The server process: {@code ROOT MAX_QUERIES}. */
    public static void main(String[] args) {
        int status = 0;
        try {
            serve(Path.of(args[0]), Integer.parseInt(args[1]));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // reactor's and netty's pools keep non-daemon threads: without an exit a failed start would never end
        System.exit(status);
    }

    private static void serve(Path root, int maxQueries) throws IOException, InterruptedException {
        ServerLog.warningsOnly();
        MemorySampler memory = new MemorySampler();
        memory.start();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ObjectStore store = ObjectStores.local(root);
             TempoServer server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0)
                     .withMaxConcurrentQueries(maxQueries))) {
            awaitReady(server);
            out.println(READY + server.uri());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command; (command = commands.readLine()) != null; ) {
                if (!command.equals(MEMORY)) throw new IllegalArgumentException("unknown command: " + command);
                out.println(memory.peaks().line());
            }
        }
    }

    private static void awaitReady(TempoServer server) throws InterruptedException {
        long until = System.currentTimeMillis() + READY_PATIENCE_MILLIS;
        while (!server.ready()) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("the server listed no blocks within " + READY_PATIENCE_MILLIS / 1000 + " s");
            }
            Thread.sleep(20);
        }
    }
}
