package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command line in-process with captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = PqfluxCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    static String corpus(String relativePath) {
        return Corpus.file(relativePath).toString();
    }

    /** The output lines of a run that must succeed quietly. */
    static List<String> successfulLines(String... args) {
        CliRun result = run(args);
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        return result.lines();
    }

    /** Output lines without their line ends (LF or CRLF). */
    List<String> lines() {
        return out.lines().toList();
    }
}
