package io.pqflux.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the commands that print rows ({@code cat}, {@code scan}) print them: {@code --limit}, {@code --format}, {@code --binary-as-string}. */
final class RowOutputOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N rows.")
    private Long limit;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT", description = "jsonl (default) or csv.")
    private OutputFormat format;

    @Option(names = "--binary-as-string", description = "Print BYTE_ARRAY columns without a logical type as UTF-8 text "
            + "instead of base64 (for writers that leave strings unannotated).")
    private boolean binaryAsString;

    /**
     * The most rows to print: {@code Long.MAX_VALUE} without {@code --limit}.
     *
     * @throws ParameterException for a negative limit
     */
    long limit() {
        if (limit != null && limit < 0) throw new ParameterException(mixee.commandLine(), "--limit must be 0 or more, not " + limit);
        return limit == null ? Long.MAX_VALUE : limit;
    }

    /** A writer of rows of these columns in the chosen format. */
    RowWriter writer(PrintWriter out, List<String> columns) {
        return format.writer(out, columns);
    }

    /** Whether un-annotated BYTE_ARRAY values print as text. */
    boolean binaryAsString() {
        return binaryAsString;
    }
}
