package io.pqflux.otap.internal.store;

import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An export's base directory on the local file system; files are memory-mapped. */
public final class LocalExportStore implements ExportStore {

    private final Path base;

    public LocalExportStore(Path base) {
        this.base = base;
    }

    @Override
    public String describe(String path) {
        return path.isEmpty() ? base.toString() : base.resolve(path).toString();
    }

    @Override
    public List<Entry> list() {
        if (!Files.isDirectory(base)) {
            throw new UncheckedIOException(new NoSuchFileException(base.toString(), null, "not a directory"));
        }
        List<Entry> entries = new ArrayList<>();
        try {
            // walkFileTree rather than Files.walk: an entry that vanishes between the directory read and its stat (a
            // staging file the exporter renames) must be skipped, and Files.walk's iterator throws for it
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        entries.add(new Entry(base.relativize(file).toString().replace('\\', '/'), attributes.size()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // renamed or deleted meanwhile
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + base, e);
        }
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    @Override
    public InputFile open(String path) {
        return MappedInputFile.open(base.resolve(path));
    }
}
