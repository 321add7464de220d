package io.pqflux.tempo.internal.store;

import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.reactive.BatchMapper;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;

/** A backend root on local disk; data files are memory-mapped. */
public final class LocalBlockStore implements BlockStore {

    private final Path root;

    public LocalBlockStore(Path root) {
        this.root = root;
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    @Override
    public String describe(String path) {
        return resolve(path).toString();
    }

    @Override
    public byte[] readObject(String path) {
        try {
            return Files.readAllBytes(resolve(path));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resolve(path), e);
        }
    }

    @Override
    public List<String> children(String path) {
        try (Stream<Path> entries = Files.list(resolve(path))) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resolve(path), e);
        }
    }

    @Override
    public InputFile open(String path, int footerSuffix) {
        return MappedInputFile.open(resolve(path));
    }

    @Override
    public <T> Flux<T> read(String path, int footerSuffix, ScanOptions options, BatchMapper<T> mapper) {
        return ParquetFlux.read(resolve(path), options, mapper);
    }

    @Override
    public Flux<ParquetBatch> batches(String path, int footerSuffix, ScanOptions options) {
        return ParquetFlux.batches(resolve(path), options);
    }

    @Override
    public long[] requestsAndBytes(InputFile file) {
        return null;
    }
}
