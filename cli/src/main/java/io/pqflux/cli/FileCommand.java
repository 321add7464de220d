package io.pqflux.cli;

import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A subcommand that reads one file; error messages name it. */
interface FileCommand {

    Path file();

    /** Opens {@code file}, failing with a plain "no such file" rather than the mapping error for a missing one. */
    static InputFile open(Path file) throws NoSuchFileException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        return MappedInputFile.open(file);
    }
}
