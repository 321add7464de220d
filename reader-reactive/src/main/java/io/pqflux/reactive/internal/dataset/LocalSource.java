package io.pqflux.reactive.internal.dataset;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** A directory tree of Parquet files, memory-mapped. */
public final class LocalSource implements DatasetSource {

    private final Path root;

    public LocalSource(Path root) {
        this.root = root;
    }

    @Override
    public String root() {
        return root.toString();
    }

    @Override
    public Flux<ListedFile> list(Scheduler io) {
        return Mono.fromCallable(this::walk).subscribeOn(io).flatMapIterable(files -> files);
    }

    private List<ListedFile> walk() {
        List<ListedFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        files.add(new ListedFile(path, FileIdentity.of(file, attributes)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ParquetIOException(e instanceof NoSuchFileException ? "no such directory"
                    : "cannot list the dataset: " + ParquetIOException.reason(e), SourceLocation.ofFile(root.toString()), e);
        }
        return files;
    }

    private static boolean hidden(Path directory) {
        return DataFileNames.hidden(directory.getFileName().toString());
    }

    @Override
    public InputFile open(ListedFile file) {
        return MappedInputFile.open(root.resolve(file.path()));
    }

    /** Mapping the file again costs nothing, and then decoding runs on the decode scheduler. */
    @Override
    public boolean readsOpenedFile() {
        return false;
    }

    @Override
    public Flux<ParquetBatch> batches(ListedFile file, Supplier<InputFile> opened, ScanOptions options) {
        return ParquetFlux.batches(root.resolve(file.path()), options);
    }

    @Override
    public long requests(InputFile opened) {
        return 0;
    }
}
