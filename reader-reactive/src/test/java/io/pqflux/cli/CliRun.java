package io.pqflux.cli;

import io.pqflux.testdata.Corpus;
import java.io.PrintWriter;
import java.io.StringWriter;

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

    /** Output lines without their line ends (LF or CRLF). */
    java.util.List<String> lines() {
        return out.lines().toList();
    }
}
