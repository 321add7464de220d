package io.pqflux.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs an example's {@code main} in this JVM and returns what it printed on {@code System.out}. */
final class Stdout {

    @FunctionalInterface
    interface Main {
        void main(String[] args) throws Exception;
    }

    private Stdout() {
    }

    /** The printed lines. The examples print from the calling thread only, so swapping System.out is enough. */
    static List<String> of(Main main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream captured = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(captured);
            main.main(args);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
