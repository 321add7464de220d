package io.pqflux.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress}, mixed into the commands that can run long. */
final class ProgressOptions {

    static final String VARIABLE = "PQFLUX_PROGRESS";

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "${env:" + VARIABLE + ":-auto}",
            description = "Show a progress line on stderr: auto (when stderr is a terminal and stdout is not; "
                    + "the default, or $" + VARIABLE + "), always or never.")
    private ProgressMode mode;

    /**
     * A progress line on {@code err}, or one that draws nothing.
     *
     * @param outputOnTerminal whether the command's own output is on a terminal, where a progress line would be
     *                         torn apart by the output lines (auto then shows none)
     */
    ProgressBar bar(PrintWriter err, boolean outputOnTerminal) {
        boolean show = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !outputOnTerminal && Terminal.isTerminal(Terminal.STDERR);
        };
        return show ? ProgressBar.on(err, System::nanoTime) : ProgressBar.none();
    }
}
