package io.pqflux.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the vendored test corpus. Tests get the {@code testdata/} directory from the system property
 * {@code pqflux.testdata} (set by the build); otherwise it is searched upwards from the working directory.
 */
public final class Corpus {

    public static final String PARQUET_TESTING = "parquet-testing";

    private Corpus() {
    }

    public static Path root() {
        String configured = System.getProperty("pqflux.testdata");
        if (configured != null && Files.isDirectory(Paths.get(configured))) return Paths.get(configured);
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isDirectory(candidate.resolve(PARQUET_TESTING))) return candidate;
        }
        throw new IllegalStateException("testdata/ not found: set -Dpqflux.testdata=<repo>/testdata");
    }

    public static Path parquetTesting() {
        return root().resolve(PARQUET_TESTING);
    }

    /** Every Parquet file of parquet-testing (plain and encrypted), as paths relative to parquet-testing. */
    public static List<String> parquetTestingFiles() {
        Path base = parquetTesting();
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> base.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".parquet") || name.endsWith(".parquet.encrypted"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file(String relativePath) {
        return parquetTesting().resolve(relativePath);
    }

    /** Tempo's own vParquet4 test block (see testdata/tempo/PROVENANCE.md): a local-backend block directory. */
    public static Path tempoBlock() {
        return root().resolve("tempo/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10");
    }
}
