package io.pqflux.storage.internal;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.ByteRange;
import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.StoredObject;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A directory on the local file system. Files opened for the reader are memory-mapped ({@link MappedInputFile}, no
 * copies); listing and stat run on the bounded-elastic scheduler. Paths are '/'-separated below the root.
 */
public final class LocalStore implements ObjectStore {

    private final Path root;

    public LocalStore(Path root) {
        this.root = root;
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    @Override
    public String root() {
        return root.toUri().toString();
    }

    @Override
    public String describe(String path) {
        return resolve(path).toString();
    }

    @Override
    public Flux<StoredObject> list(String prefix) {
        return Mono.fromCallable(() -> walk(prefix)).subscribeOn(Schedulers.boundedElastic()).flatMapIterable(files -> files);
    }

    /** Walks the folder the prefix names (or its parent, for a prefix that ends inside a name). */
    private List<StoredObject> walk(String prefix) {
        int slash = prefix.lastIndexOf('/');
        Path start = resolve(slash < 0 ? "" : prefix.substring(0, slash));
        List<StoredObject> files = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            if (start.equals(root)) throw listingFailure(new NoSuchFileException(root.toString(), null, "no such directory"));
            return files;
        }
        try {
            // walkFileTree rather than Files.walk: an entry that vanishes between the directory read and its stat (a
            // staging file a writer renames) is skipped, where Files.walk's iterator throws
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        String path = relative(file);
                        if (path.startsWith(prefix)) files.add(stored(path, attributes));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw e;
                }
            });
        } catch (IOException e) {
            throw listingFailure(e);
        }
        files.sort(Comparator.comparing(StoredObject::path));
        return files;
    }

    private ParquetIOException listingFailure(IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such directory" : "cannot list: " + ParquetIOException.reason(e);
        return new ParquetIOException(reason, SourceLocation.ofFile(root.toString()), e);
    }

    private static StoredObject stored(String path, BasicFileAttributes attributes) {
        return new StoredObject(path, attributes.size(), attributes.lastModifiedTime().toString(),
                attributes.lastModifiedTime().toInstant());
    }

    @Override
    public Flux<String> folders(String path) {
        return Mono.fromCallable(() -> {
            try (Stream<Path> entries = Files.list(resolve(path))) {
                return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            } catch (NoSuchFileException | NotDirectoryException e) {
                return List.<String>of();
            } catch (IOException e) {
                throw new ParquetIOException("cannot list: " + ParquetIOException.reason(e),
                        SourceLocation.ofFile(describe(path)), e);
            }
        }).subscribeOn(Schedulers.boundedElastic()).flatMapIterable(names -> names);
    }

    @Override
    public Mono<StoredObject> stat(String path) {
        return Mono.fromCallable(() -> {
            try {
                BasicFileAttributes attributes = Files.readAttributes(resolve(path), BasicFileAttributes.class);
                return attributes.isRegularFile() ? stored(path, attributes) : null;
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new ParquetIOException(ParquetIOException.reason(e), SourceLocation.ofFile(describe(path)), e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<RemoteObject> open(String path) {
        return Mono.fromCallable(() -> (RemoteObject) MappedObject.map(resolve(path))).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public InputFile openInputFile(String path, long footerSizeHint) {
        return MappedInputFile.open(resolve(path));
    }

    @Override
    public Mono<FetchedRange> readWhole(String path) {
        return Mono.fromCallable(() -> {
            Path file = resolve(path);
            if (!Files.isRegularFile(file)) return null;
            MappedObject object = MappedObject.map(file);
            return object.length() == 0 ? FetchedRange.of(new ByteRange(0, 0), MemorySegment.ofArray(new byte[0]), () -> { })
                    : object.slice(0, object.length());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public ObjectStore below(String path) {
        return new LocalStore(resolve(path));
    }

    @Override
    public void close() {
    }

    /**
     * A file mapped for asynchronous reads. The mapping belongs to an automatic arena: ranges handed out are views
     * that keep it alive, and it is unmapped once none is reachable, so a range's release has nothing to give back
     * and no close can pull the mapping from under a view.
     */
    private record MappedObject(String name, MemorySegment mapping, String version) implements RemoteObject {

        static MappedObject map(Path file) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), Arena.ofAuto());
                return new MappedObject(file.toString(), mapping, attributes.lastModifiedTime().toString());
            } catch (NoSuchFileException e) {
                throw new ParquetIOException("no such file", SourceLocation.ofFile(file.toString()),
                        new ObjectRequestException(RequestFailure.NOT_FOUND, "no such file", file.toUri(), null, 1, -1, null, e));
            } catch (IOException e) {
                throw new ParquetIOException("cannot map file: " + ParquetIOException.reason(e),
                        SourceLocation.ofFile(file.toString()), e);
            }
        }

        @Override
        public long length() {
            return mapping.byteSize();
        }

        FetchedRange slice(long offset, long length) {
            return FetchedRange.of(new ByteRange(offset, length), mapping.asSlice(offset, length), () -> { });
        }

        @Override
        public Mono<FetchedRange> read(long offset, long length) {
            return Mono.fromCallable(() -> {
                if (offset < 0 || length <= 0 || offset > length() || length > length() - offset) {
                    throw new IllegalArgumentException("byte range [" + offset + ", " + (offset + length)
                            + ") lies outside " + name + " of " + length() + " bytes");
                }
                return slice(offset, length);
            });
        }

        @Override
        public Flux<FetchedRange> readAll(List<ByteRange> ranges) {
            return Flux.fromIterable(ranges).concatMap(range -> read(range.offset(), range.length()));
        }

        @Override
        public RequestMetrics metrics() {
            return new RequestMetrics(0, 0, 0);
        }
    }
}
