package io.pqflux.cli;

import io.pqflux.error.ParquetException;
import io.pqflux.error.ParquetIOException;
import io.pqflux.storage.MissingCredentialsException;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.receiver.ReceiverException;
import io.pqflux.reactive.dataset.SchemaConflictException;
import io.pqflux.tempo.TempoException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

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
        err.println(PREFIX + singleLine(e.getMessage()) + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        if (isVerbose(command)) e.printStackTrace(err);
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The failure in words a user can act on, never a Java class name (those are for {@code --verbose}). A
     * {@link ParquetException}'s message already starts with the file (and row group, column, offset); so do the
     * OTAP, receiver and Tempo exceptions'.
     */
    static String oneLine(Throwable e, String file) {
        return PREFIX + singleLine(line(e, file));
    }

    private static String line(Throwable e, String file) {
        String where = file == null ? "" : file + ": ";
        return switch (e) {
            case ParquetException p when p.location().file() != null -> p.getMessage();
            case ParquetException p -> where + p.getMessage();
            case OtapException o -> o.getMessage();
            case ReceiverException r -> r.getMessage();
            case TempoException t -> t.getMessage();
            case UncheckedIOException u -> line(u.getCause(), file);
            // the path the file system names (an --index or --out file, a file below the dataset), not the argument
            case FileSystemException f when f.getFile() != null && !f.getFile().equals(file) ->
                    f.getFile() + ": " + ParquetIOException.reason(f);
            case FileSystemException f -> where + ParquetIOException.reason(f);
            case SchemaConflictException c -> where + "schema conflict: " + c.getMessage();
            case MissingCredentialsException m when m.scheme().equals("s3") ->
                    where + m.getMessage() + "; --s3-anonymous reads public buckets without";
            case MissingCredentialsException m -> where + m.getMessage();
            default -> where + describe(e);
        };
    }

    private static final String PREFIX = "pqflux: ";

    /** A message, or for exceptions without one the innermost cause's, or what kind of failure it was. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
        }
        return "failed (" + e.getClass().getSimpleName() + "; --verbose prints the stack trace)";
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
