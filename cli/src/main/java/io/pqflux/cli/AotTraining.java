package io.pqflux.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the tool's ahead-of-time cache ({@code cli/target/pqflux-cli.aot}, JEP 483/514): the build runs
 * this class once with {@code -XX:AOTCacheOutput}, and the launcher starts the tool with {@code -XX:AOTCache}, so the
 * classes a command needs come loaded and linked (medians of five runs: {@code tempo search} on the bundled block
 * 1.61 s → 1.04 s, {@code --version} 0.60 s → 0.50 s). It runs each kind of command once on the bundled data, in one
 * JVM, discarding the output; a command that fails fails the build, saying which.
 *
 * <pre>java --add-modules jdk.incubator.vector -XX:AOTCacheOutput=pqflux-cli.aot -cp pqflux-cli.jar io.pqflux.cli.AotTraining TESTDATA</pre>
 */
final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: AotTraining TESTDATA (the repository's testdata directory)");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        String parquet = data.resolve("parquet-testing/data").toString();
        String tempo = data.resolve("tempo").toString();
        String otap = data.resolve("otap").toString();
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("inspect", parquet + "/alltypes_plain.parquet"),
                List.of("inspect", parquet + "/alltypes_tiny_pages_plain.parquet", "--json", "--index", "--pages"),
                List.of("cat", parquet + "/alltypes_plain.parquet", "--limit", "3"),
                List.of("cat", parquet + "/nested_maps.snappy.parquet", "--format", "csv"),
                List.of("cat", parquet + "/alltypes_tiny_pages_plain.parquet", "--where", "id = 5000", "--columns",
                        "id,string_col", "--stats"),
                List.of("scan", tempo + "/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10", "--limit", "100"),
                List.of("tempo", "blocks", tempo, "single-tenant"),
                List.of("tempo", "trace", tempo, "single-tenant", "474be8b43449fb", "--format", "tempo-v1"),
                List.of("tempo", "cat", tempo, "single-tenant", "b27b0e53-66a0-4505-afd6-434ae3cd4a10", "--preset",
                        "summary"),
                List.of("tempo", "search", tempo, "single-tenant",
                        "{ resource.service.name = \"cartservice\" } >> { status = error }"),
                List.of("tempo", "metrics", tempo, "single-tenant", "{ } | rate() by (resource.service.name)", "--start",
                        "2022-07-04T11:00:00Z", "--end", "2022-07-04T12:00:00Z", "--step", "5m"),
                List.of("tempo", "tags", tempo, "single-tenant"),
                List.of("tempo", "tag-values", tempo, "single-tenant", "resource.service.name"),
                List.of("otap", "ls", otap),
                List.of("otap", "replay", otap, "--signal", "logs"),
                List.of("otap", "replay", otap, "--signal", "traces"),
                List.of("otap", "replay", otap, "--signal", "metrics"));
        for (List<String> command : commands) {
            StringWriter err = new StringWriter();
            int exitCode = PqfluxCommand.commandLine(new PrintWriter(Writer.nullWriter()), new PrintWriter(err))
                    .execute(command.toArray(String[]::new));
            if (exitCode != 0) {
                System.err.println("pqflux " + String.join(" ", command) + " exited with " + exitCode + ":\n" + err);
                System.exit(1);
            }
        }
    }
}
