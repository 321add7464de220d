package io.pqflux.cli;

import io.pqflux.reader.ReadOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --max-page-bytes} and {@code --max-column-bytes}, mixed into the commands that read Parquet files: the
 * reader's memory limits ({@link ReadOptions#withLimits}), for files whose pages or chunks are larger than the
 * defaults allow, or to hold untrusted files to less.
 */
final class ReadLimitOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--max-page-bytes", paramLabel = "BYTES",
            description = "The largest page accepted after decompression, dictionary pages included (default 1 GiB).")
    private Long maxPageBytes;

    @Option(names = "--max-column-bytes", paramLabel = "BYTES",
            description = "The most memory one column chunk may decode into (default 4 GiB).")
    private Long maxColumnBytes;

    /** @throws ParameterException when a limit given is not positive */
    ReadOptions applyTo(ReadOptions options) {
        if (maxPageBytes == null && maxColumnBytes == null) return options;
        return options.withLimits(positive("--max-page-bytes", maxPageBytes, options.maxPageSize()),
                positive("--max-column-bytes", maxColumnBytes, options.maxColumnBytes()));
    }

    private long positive(String option, Long given, long otherwise) {
        if (given == null) return otherwise;
        if (given <= 0) throw new ParameterException(spec.commandLine(), option + " must be positive: " + given);
        return given;
    }
}
