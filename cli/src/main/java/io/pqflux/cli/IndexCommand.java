package io.pqflux.cli;

import io.pqflux.reactive.dataset.DatasetColumn;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.reactive.dataset.DatasetSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pqflux index}: writes a dataset's index sidecar, so that {@code scan} skips files without reading their
 * footers. Object storage is read but not written: for an s3:// prefix the index goes to {@code --out} and is uploaded
 * (or passed to {@code scan --index}) by the user.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Write the index sidecar (" + DatasetIndex.FILE_NAME + ") of a dataset: per file, the chosen "
                + "columns' statistics and optionally bloom filters.")
final class IndexCommand implements Callable<Integer>, FileCommand {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The dataset: a directory or s3://bucket/prefix.")
    private String dir;

    @Mixin
    private StorageOptions storage;

    @Option(names = "--columns", split = ",", required = true, paramLabel = "PATH",
            description = "Columns to index (dotted leaf paths), comma-separated.")
    private List<String> columns;

    @Option(names = "--bloom", description = "Also store a bloom filter of every value of each indexed column "
            + "(reads every value; decides = and in).")
    private boolean bloom;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the index here (default: DIR/" + DatasetIndex.FILE_NAME + "; required for s3://).")
    private Path out;

    @Override
    public String file() {
        return dir;
    }

    @Override
    public Integer call() throws Exception {
        try (DatasetRoot root = storage.openDataset(dir)) {
            if (out == null && root.isObjectStorage()) {
                throw new ParameterException(spec.commandLine(), "writing to object storage is not supported: give --out FILE, "
                        + "then upload it as " + root.sidecarName() + " (or pass it to scan --index)");
            }
            DatasetSchema schema = root.dataset().schema().block();
            for (String column : columns) {
                DatasetColumn found = schema.column(column).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "--columns: no column '" + column + "'; the dataset's columns are "
                                + schema.columns().stream().filter(c -> !c.partition()).map(DatasetColumn::path).toList()));
                if (found.partition()) {
                    throw new ParameterException(spec.commandLine(), "--columns: '" + column
                            + "' is a partition column, pruned by its folders without an index");
                }
            }
            DatasetIndex index = DatasetIndex.build(root.dataset(), columns, bloom).block();
            Path target = out != null ? out : root.localSidecar();
            index.write(target);
            spec.commandLine().getOut().println("indexed " + index.files().size() + " files, columns " + index.columns()
                    + (bloom ? " with bloom filters" : "") + ": " + target);
        }
        return 0;
    }
}
