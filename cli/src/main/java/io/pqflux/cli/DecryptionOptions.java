package io.pqflux.cli;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.ParquetIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --keys} and {@code --aad-prefix}, mixed into the commands that read files written with Parquet modular encryption. */
final class DecryptionOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--keys", paramLabel = "FILE",
            description = "Keys of encrypted files: lines footer=KEY and column.<dotted path>=KEY; a KEY is its text or "
                    + "hex:<hex digits>, of 16, 24 or 32 bytes.")
    private Path keys;

    @Option(names = "--aad-prefix", paramLabel = "TEXT",
            description = "The AAD prefix encrypted files were written with, when they do not store it.")
    private String aadPrefix;

    /**
     * The decryption properties the options give, or null when neither is given.
     *
     * @throws ParameterException when the keys file cannot be read or holds a line that is not a key
     */
    DecryptionProperties properties() {
        if (keys == null && aadPrefix == null) return null;
        DecryptionProperties.Builder builder = DecryptionProperties.builder();
        if (aadPrefix != null) builder.aadPrefix(aadPrefix.getBytes(StandardCharsets.UTF_8));
        if (keys != null) {
            try {
                KeysFile.read(Files.readAllLines(keys, StandardCharsets.UTF_8), builder);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--keys " + keys + ": cannot read it ("
                        + ParquetIOException.reason(e) + ")");
            } catch (KeysFile.BadLine e) {
                throw new ParameterException(spec.commandLine(), "--keys " + keys + ": " + e.getMessage());
            }
        }
        return builder.build();
    }
}
