package io.pqflux.otap.internal.store;

import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException renamedMeanwhile) {
                    continue; // a staging file renamed, or a file deleted, while listing
                }
                if (attributes.isRegularFile()) {
                    entries.add(new Entry(base.relativize(p).toString().replace('\\', '/'), attributes.size()));
                }
            }
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
