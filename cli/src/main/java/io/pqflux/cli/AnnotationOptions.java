package io.pqflux.cli;

import io.pqflux.reader.ReadOptions;
import picocli.CommandLine.Option;

/** {@code --lenient-annotations}, mixed into the commands that read Parquet files. */
final class AnnotationOptions {

    @Option(names = "--lenient-annotations",
            description = "Read a column whose logical annotation cannot annotate its physical type (e.g. DECIMAL on "
                    + "BOOLEAN) as its physical type instead of refusing the file.")
    private boolean lenient;

    boolean lenient() {
        return lenient;
    }

    ReadOptions applyTo(ReadOptions options) {
        return options.withLenientAnnotations(lenient);
    }
}
