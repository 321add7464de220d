package io.pqflux.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Placeholder until rows are printed. */
@Command(name = "cat")
final class CatCommand implements Callable<Integer>, FileCommand {

    @Parameters(index = "0", paramLabel = "FILE")
    private Path file;

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Integer call() {
        return 0;
    }
}
