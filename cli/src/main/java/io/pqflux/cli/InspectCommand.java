package io.pqflux.cli;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.internal.crypto.FileDecryptor;
import io.pqflux.internal.format.FooterReader;
import io.pqflux.io.InputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pqflux inspect}: schema, footer and per-chunk metadata of a file, with exact page counts; optionally
 * page headers, page indexes and bloom filter headers. With the keys of an encrypted file ({@code --keys}) its encrypted
 * chunks are shown decrypted; a chunk whose key is not given shows why it cannot be.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the schema, metadata, row groups and column chunks of a Parquet file.")
final class InspectCommand implements Callable<Integer>, FileCommand {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The Parquet file: a path or s3://bucket/key.")
    private String file;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private DecryptionOptions decryption;

    @Mixin
    private ReadLimitOptions limits;

    @Mixin
    private AnnotationOptions annotations;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Option(names = "--pages", description = "Also print every page header of each column chunk.")
    private boolean pages;

    @Option(names = "--index", description = "Also print the column index and offset index of each column chunk.")
    private boolean index;

    @Option(names = "--bloom", description = "Also print the bloom filter header of each column chunk.")
    private boolean bloom;

    @Option(names = "--stats", description = "Print the requests sent and bytes fetched (s3:// files) to stderr.")
    private boolean stats;

    @Override
    public String file() {
        return file;
    }

    @Override
    public Integer call() throws Exception {
        try (InputSource source = storage.open(file)) {
            try {
                inspect(source.input());
            } finally {
                if (stats) spec.commandLine().getErr().print(ReadMetricsText.requests(source.requests()));
            }
        }
        return 0;
    }

    /**
     * The reader owns the input; the page counter reads the same input while the reader is open. An encrypted file's
     * pages, indexes and bloom filters are decrypted with the decryption its footer, read again here, comes with.
     */
    private void inspect(InputFile input) {
        DecryptionProperties keys = decryption.properties();
        try (ParquetReader reader = ParquetReader.open(input, limits.applyTo(annotations.applyTo(ReadOptions.defaults().withDecryption(keys))))) {
            FileDecryptor decryptor = hasEncryptedChunks(reader.metaData())
                    ? FooterReader.open(input, FooterReader.DEFAULT_SUFFIX_GUESS, keys).decryptor() : null;
            Set<ChunkDetails.Part> parts = EnumSet.noneOf(ChunkDetails.Part.class);
            if (pages) parts.add(ChunkDetails.Part.PAGES);
            if (index) parts.add(ChunkDetails.Part.INDEX);
            if (bloom) parts.add(ChunkDetails.Part.BLOOM);
            InspectReport report = InspectReport.of(reader, input, decryptor, parts);
            var out = spec.commandLine().getOut();
            out.print(json ? InspectJson.render(report) + "\n" : InspectText.render(report));
            out.flush();
        }
    }

    private static boolean hasEncryptedChunks(FileMetaData meta) {
        return meta.rowGroups().stream().flatMap(rowGroup -> rowGroup.columns().stream()).anyMatch(c -> c.cryptoMetadata() != null);
    }
}
