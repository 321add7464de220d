package io.pqflux.cli;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.internal.format.FooterReader;
import io.pqflux.io.InputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadMetrics;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowCursor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaBuilder;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pqflux cat}: the rows of a file as JSON Lines or CSV. */
@Command(name = "cat", mixinStandardHelpOptions = true, description = "Print the rows of a Parquet file.")
final class CatCommand implements Callable<Integer>, FileCommand {

    /** How often to ask whether stdout is still there; checking flushes, so not on every row. */
    private static final int ROWS_PER_OUTPUT_CHECK = 1024;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The Parquet file: a path or s3://bucket/key.")
    private String file;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private ProgressOptions progressOptions;

    @Mixin
    private DecryptionOptions decryption;

    @Mixin
    private ReadLimitOptions limits;

    @Mixin
    private AnnotationOptions annotations;

    @Option(names = "--columns", split = ",", paramLabel = "PATH",
            description = "Columns to print, as dotted paths, comma-separated; a group selects every column below it.")
    private List<String> columns;

    @Mixin
    private RowOutputOptions output;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Print only rows matching EXPR, e.g. \"a = 5 and b.c >= '2024-01-01' and not (d is null)\".")
    private String where;

    @Option(names = "--stats", description = "Print what the read skipped and read (row groups, pages, bytes, rows) to stderr.")
    private boolean stats;

    @Override
    public String file() {
        return file;
    }

    @Override
    public Integer call() throws Exception {
        long limit = output.limit();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (InputSource source = storage.open(file); ParquetReader reader = open(source.input());
                RowCursor rows = reader.rows()) {
            ProgressBar progress = progressOptions.bar(err, Terminal.isTerminal(Terminal.STDOUT));
            long[] rowGroupStarts = rowGroupStarts(reader);
            try {
                List<FieldWriter> fields = rows.fields().stream().map(f -> FieldWriter.of(f, output.binaryAsString())).toList();
                RowWriter writer = output.writer(out, fields.stream().map(FieldWriter::name).toList());
                RowWriter.Row row = (field, sink) -> fields.get(field).write(rows, field, sink);
                for (long printed = 0; printed < limit && rows.next(); printed++) {
                    writer.write(row);
                    if (printed % ROWS_PER_OUTPUT_CHECK == 0) {
                        // A closed pipe (| head) is not an error: stop reading quietly.
                        if (out.checkError()) return 0;
                        long printedSoFar = printed + 1;
                        progress.update(() -> progress(reader.metrics(), printedSoFar, rowGroupStarts));
                    }
                }
            } finally {
                progress.close();
                if (stats) err.print(ReadMetricsText.render(reader.metrics()) + ReadMetricsText.requests(source.requests()));
            }
        }
        out.flush();
        return 0;
    }

    /** The first row of each row group, and the file's row count last. */
    private static long[] rowGroupStarts(ParquetReader reader) {
        List<RowGroup> rowGroups = reader.metaData().rowGroups();
        long[] starts = new long[rowGroups.size() + 1];
        for (int g = 0; g < rowGroups.size(); g++) starts[g + 1] = starts[g] + rowGroups.get(g).numRows();
        return starts;
    }

    /**
     * Done: the rows of the row groups before the one being read (the cursor asks for them in file order), or
     * without a filter the rows printed, which are exactly the rows passed.
     */
    private ProgressLine.Counters progress(ReadMetrics metrics, long printed, long[] rowGroupStarts) {
        long total = rowGroupStarts[rowGroupStarts.length - 1];
        long done = where == null ? printed : rowGroupStarts[(int) Math.max(0, metrics.rowGroups() - 1)];
        return new ProgressLine.Counters(metrics.bytesRead(), printed, total == 0 ? Double.NaN : done / (double) total);
    }

    /**
     * An unknown column, a malformed --where or a literal that does not fit its column is a mistake in the
     * command line, reported as a usage error.
     */
    private ParquetReader open(InputFile input) {
        DecryptionProperties keys;
        try {
            keys = decryption.properties();
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
        ReadOptions options = limits.applyTo(annotations.applyTo(ReadOptions.defaults().withColumns(columns).withDecryption(keys)));
        if (where != null) {
            try {
                options = options.withFilter(WhereParser.parse(where, schemaOf(input, keys, annotations.lenient())));
            } catch (WhereParser.SyntaxException e) {
                input.close();
                throw new ParameterException(spec.commandLine(), "--where: " + e.getMessage());
            } catch (RuntimeException e) {
                input.close();
                throw e;
            }
        }
        try {
            // the reader owns the input from here and closes it if opening fails
            return ParquetReader.open(input, options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage());
        }
    }

    /** The schema, read ahead of opening the reader because the --where literals are typed by their columns. */
    private static MessageSchema schemaOf(InputFile input, DecryptionProperties keys, boolean lenientAnnotations) {
        try {
            return SchemaBuilder.build(FooterReader.open(input, FooterReader.DEFAULT_SUFFIX_GUESS, keys).footer().metaData().schema(),
                    lenientAnnotations);
        } catch (ParquetException e) {
            throw e.locatedIn(SourceLocation.ofFile(input.name()));
        }
    }
}
