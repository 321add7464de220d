package io.pqflux.tempo.server;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A backend root holding the bundled vParquet3, vParquet4 and vParquet5 blocks, one tenant each. */
final class ServedBlocks {

    /** Tenant names: the bundled block of each format. */
    static final List<String> TENANTS = List.of("vparquet3", "single-tenant", "vparquet5");

    private ServedBlocks() {
    }

    static Path root(Path dir) {
        copy(Corpus.root().resolve("tempo-vparquet3/single-tenant"), dir.resolve("vparquet3"));
        copy(Corpus.root().resolve("tempo/single-tenant"), dir.resolve("single-tenant"));
        copy(Corpus.root().resolve("tempo-vparquet5/single-tenant"), dir.resolve("vparquet5"));
        return dir;
    }

    static ObjectStore store(Path dir) {
        return ObjectStores.local(root(dir));
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
