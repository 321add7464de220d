package io.pqflux.cli;

import io.pqflux.error.ParquetException;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.receiver.ReceiverException;
import io.pqflux.reactive.dataset.SchemaConflictException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Reports every failure as one line on stderr, {@code pqflux: <file>: <cause>}, so that scripts can
 * grep and log it; {@code --verbose} adds the stack trace. Exit code 1 for errors reading a file, 2 for
 * usage errors (picocli's convention).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int FILE_ERROR = 1;
    static final String VERBOSE = "--verbose";

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        String file = command.getCommand() instanceof FileCommand c ? c.file() : null;
        PrintWriter err = command.getErr();
        err.println(oneLine(e, file));
        if (isVerbose(command)) e.printStackTrace(err);
        err.flush();
        return FILE_ERROR;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("pqflux: " + singleLine(e.getMessage()) + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        if (isVerbose(command)) e.printStackTrace(err);
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A {@link ParquetException}'s message already starts with the file (and row group, column, offset). */
    static String oneLine(Throwable e, String file) {
        String where = file == null ? "" : file + ": ";
        String line = switch (e) {
            case ParquetException p when p.location().file() != null -> p.getMessage();
            case ParquetException p -> where + p.getMessage();
            case NoSuchFileException n -> where + "no such file";
            // both name their file (or request) already
            case OtapException o -> o.getMessage();
            case ReceiverException r -> r.getMessage();
            case SchemaConflictException c -> where + "schema conflict: " + c.getMessage();
            case SdkClientException s when s.getMessage() != null && s.getMessage().startsWith("Unable to load credentials") ->
                    where + "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; "
                            + "--s3-anonymous reads public buckets without): " + s.getMessage();
            default -> where + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
        return "pqflux: " + singleLine(line);
    }

    private static String singleLine(String s) {
        return s == null ? "" : s.replaceAll("\\R", " ");
    }

    /** The option is inherited by the subcommands, so it may have been given at any level. */
    private static boolean isVerbose(CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) root = root.getParent();
        for (ParseResult level = root.getParseResult(); level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) return true;
        }
        return false;
    }
}
