package io.pqflux.cli;

import io.pqflux.codec.DecodingKernels;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code pqflux}: the command-line tool. Subcommands do the work; this class wires output and errors. */
@Command(name = "pqflux", mixinStandardHelpOptions = true, versionProvider = PqfluxCommand.Version.class,
        description = "Inspects and prints Parquet files and datasets, Grafana Tempo blocks and OpenTelemetry-Arrow exports.",
        footer = {"", "Exit codes: 0 done, 1 nothing readable where asked (missing, corrupt, empty), 2 usage error.",
                "The JVM's 'WARNING: Using incubator modules: jdk.incubator.vector' comes from the SIMD kernels' module "
                        + "(docs/cli.md)."},
        subcommands = {InspectCommand.class, CatCommand.class, ScanCommand.class, IndexCommand.class, TempoCommand.class, OtapCommand.class,
                CommandLine.HelpCommand.class})
public final class PqfluxCommand implements Callable<Integer> {

    private static final int OUTPUT_BUFFER = 1 << 16;

    @Spec
    private CommandSpec spec;

    /** Read by {@link ErrorReporter} from the parse result; the field only declares the option. */
    @Option(names = ErrorReporter.VERBOSE, scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    private boolean verbose;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), OUTPUT_BUFFER));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exitCode = commandLine(out, err).execute(args);
        // A PrintWriter swallows write errors, so a reader that went away (| head) costs nothing here.
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** The command line with its output streams and one-line error reporting; tests call this too. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new PqfluxCommand())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: inspect, cat, scan, index, tempo, otap or help");
    }

    /** The version the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = PqfluxCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "pqflux " + properties.getProperty("version", "(unknown version)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                "decoding kernels: " + DecodingKernels.description()
            };
        }
    }
}
