package io.pqflux.storage.internal;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.io.ByteRange;
import io.pqflux.io.InputFile;
import io.pqflux.io.LocalFiles;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.BlockingCall;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
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
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A directory on the local file system. Files opened for the reader are memory-mapped, or read into pooled memory as their ranges are first read
 * when they are small ({@link LocalFiles}: a mapping's fixed costs exceed the copy). Everything else blocks on the bounded-elastic scheduler through {@link BlockingCall} (never interrupted
 * inside file I/O): listing, stat, and the reads of small objects and opened objects, which copy into the heap (a
 * mapping handed out without a close could only be unmapped by the garbage collector, and a file truncated under it
 * would fault). Paths are '/'-separated below the root.
 */
public final class LocalStore implements ObjectStore {

    /** The largest range one read copies onto the heap (an array's limit). */
    private static final long MAX_READ = Integer.MAX_VALUE - 8;

    /** Folders walked at once by a listing. */
    private static final int WALKS_IN_FLIGHT = Runtime.getRuntime().availableProcessors();
    /**
     * The fewest folders a share holds: with fewer than two shares' worth the folders are walked in the listing's one
     * task, as a hand-off to another thread costs more than their walk.
     */
    private static final int FOLDERS_PER_SHARE = 32;

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
        return blocking(() -> firstLevel(prefix)).flatMap(level -> {
            if (level.folders().isEmpty()) return Mono.just(level.listed(List.of()));
            // the walk is stat and directory reads: a tenant's thousands of block folders walked in shares, one per core
            List<List<Path>> shares = level.shares();
            return Flux.fromIterable(shares).flatMapSequential(share -> blocking(() -> walk(share, prefix)), shares.size())
                    .collectList().map(level::listed);
        }).flatMapIterable(files -> files);
    }

    /**
     * What the folder the prefix names (or its parent, for a prefix that ends inside a name) holds: its files below the
     * prefix, and its folders to walk in shares; when they are too few to share, they are walked here and none is left.
     */
    private FirstLevel firstLevel(String prefix) {
        int slash = prefix.lastIndexOf('/');
        Path start = resolve(slash < 0 ? "" : prefix.substring(0, slash));
        List<StoredObject> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            if (start.equals(root)) throw listingFailure(new NoSuchFileException(root.toString(), null, "no such directory"));
            return new FirstLevel(files, folders);
        }
        // at the depth limit a folder is visited as a file, with its attributes
        walk(start, 1, prefix, files, folders);
        // below the start the prefix holds no '/' but the one that may end it: a folder is listed when it begins so
        folders.removeIf(folder -> !(relative(folder) + "/").startsWith(prefix));
        if (folders.size() >= 2 * FOLDERS_PER_SHARE && WALKS_IN_FLIGHT > 1) return new FirstLevel(files, folders);
        files.addAll(walk(folders, prefix));
        return new FirstLevel(files, List.of());
    }

    /** The files below the prefix in {@code folders} and every folder below them. */
    private List<StoredObject> walk(List<Path> folders, String prefix) {
        List<StoredObject> files = new ArrayList<>();
        for (Path folder : folders) walk(folder, Integer.MAX_VALUE, prefix, files, null);
        return files;
    }

    /**
     * Walks {@code start} down to {@code depth}: regular files below the prefix go to {@code files}; folders at the
     * depth limit to {@code folders}. walkFileTree rather than Files.walk: an entry that vanishes between the
     * directory read and its stat (a staging file a writer renames, a folder compacted away) is skipped, where
     * Files.walk's iterator throws.
     */
    private void walk(Path start, int depth, String prefix, List<StoredObject> files, List<Path> folders) {
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        String path = relative(file);
                        if (path.startsWith(prefix)) files.add(stored(path, attributes));
                    } else if (folders != null && attributes.isDirectory()) {
                        folders.add(file);
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
    }

    /** The files of a listing's first level and its folders, to walk in shares. */
    private record FirstLevel(List<StoredObject> files, List<Path> folders) {

        /** The folders in contiguous shares, at most one per walk in flight, each of at least {@link #FOLDERS_PER_SHARE}. */
        List<List<Path>> shares() {
            int count = Math.min(WALKS_IN_FLIGHT, folders.size() / FOLDERS_PER_SHARE);
            List<List<Path>> shares = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                shares.add(folders.subList(folders.size() * i / count, folders.size() * (i + 1) / count));
            }
            return shares;
        }

        /** Every file listed, in path order. */
        List<StoredObject> listed(List<List<StoredObject>> walked) {
            List<StoredObject> all = new ArrayList<>(files);
            for (List<StoredObject> share : walked) all.addAll(share);
            all.sort(Comparator.comparing(StoredObject::path));
            return all;
        }
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
        return blocking(() -> {
            try (Stream<Path> entries = Files.list(resolve(path))) {
                return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            } catch (NoSuchFileException | NotDirectoryException e) {
                return List.<String>of();
            } catch (IOException e) {
                throw new ParquetIOException("cannot list: " + ParquetIOException.reason(e),
                        SourceLocation.ofFile(describe(path)), e);
            }
        }).flatMapIterable(names -> names);
    }

    @Override
    public Mono<StoredObject> stat(String path) {
        return blocking(() -> {
            BasicFileAttributes attributes = attributes(path);
            return attributes != null && attributes.isRegularFile() ? stored(path, attributes) : null;
        });
    }

    /** The file's attributes, or null when there is none. */
    private BasicFileAttributes attributes(String path) {
        try {
            return Files.readAttributes(resolve(path), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ParquetIOException(ParquetIOException.reason(e), SourceLocation.ofFile(describe(path)), e);
        }
    }

    @Override
    public Mono<RemoteObject> open(String path) {
        return blocking(() -> {
            BasicFileAttributes attributes = attributes(path);
            if (attributes == null || !attributes.isRegularFile()) {
                Path file = resolve(path);
                String why = attributes == null ? "no such file" : "is not a regular file";
                throw new ParquetIOException(why, SourceLocation.ofFile(file.toString()),
                        new ObjectRequestException(RequestFailure.NOT_FOUND, why, file.toUri(), null, 1, -1, null, null));
            }
            return new LocalObject(resolve(path), attributes.size(), attributes.lastModifiedTime().toString());
        });
    }

    @Override
    public InputFile openInputFile(String path, long footerSizeHint) {
        return LocalFiles.open(resolve(path));
    }

    @Override
    public Mono<FetchedRange> readWhole(String path) {
        return readBytes(path).map(bytes -> FetchedRange.of(new ByteRange(0, bytes.length), MemorySegment.ofArray(bytes), () -> { }));
    }

    /** Read straight onto the heap: no mapping, no second copy. */
    @Override
    public Mono<byte[]> readBytes(String path) {
        return blocking(() -> {
            Path file = resolve(path);
            if (!Files.isRegularFile(file)) return null;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size > MAX_READ) {
                    throw new ParquetIOException("is " + size + " bytes, too large to read whole", SourceLocation.ofFile(file.toString()), null);
                }
                return readFully(channel, 0, (int) size, file);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new ParquetIOException("cannot read: " + ParquetIOException.reason(e), SourceLocation.ofFile(file.toString()), e);
            }
        });
    }

    /** {@code length} bytes from {@code offset}; a file that ends before them is reported as such. */
    private static byte[] readFully(FileChannel channel, long offset, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new ParquetIOException("file ends at " + (offset + buffer.position()) + ", before the " + length
                        + " bytes asked for", SourceLocation.ofFile(file.toString()).withOffset(offset), null);
            }
        }
        return buffer.array();
    }

    private static <T> Mono<T> blocking(Callable<T> task) {
        return BlockingCall.on(Schedulers.boundedElastic(), task);
    }

    @Override
    public ObjectStore below(String path) {
        return new LocalStore(resolve(path));
    }

    @Override
    public void close() {
    }

    /**
     * A file opened for asynchronous reads: each read opens it, checks that it is still the version seen at open
     * (size and modification time; a replaced file fails as {@link RequestFailure#OBJECT_CHANGED}) and copies the range
     * onto the heap, so nothing is held between reads and there is nothing to release.
     */
    private record LocalObject(Path file, long size, String version) implements RemoteObject {

        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public long length() {
            return size;
        }

        @Override
        public Mono<FetchedRange> read(long offset, long length) {
            return blocking(() -> {
                if (offset < 0 || length <= 0 || length > MAX_READ || offset > size || length > size - offset) {
                    throw new IllegalArgumentException("byte range [" + offset + ", " + (offset + length)
                            + ") lies outside " + file + " of " + size + " bytes, or exceeds " + MAX_READ);
                }
                ByteRange range = new ByteRange(offset, length);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
                    if (now.size() != size || !now.lastModifiedTime().toString().equals(version)) {
                        throw new ParquetIOException("the file changed since it was opened",
                                SourceLocation.ofFile(file.toString()).withOffset(offset),
                                new ObjectRequestException(RequestFailure.OBJECT_CHANGED, "size or modification time changed",
                                        file.toUri(), range, 1, -1, null, null));
                    }
                    byte[] bytes = readFully(channel, offset, (int) length, file);
                    return FetchedRange.of(range, MemorySegment.ofArray(bytes), () -> { });
                } catch (IOException e) {
                    throw new ParquetIOException("cannot read: " + ParquetIOException.reason(e),
                            SourceLocation.ofFile(file.toString()).withOffset(offset), e);
                }
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
