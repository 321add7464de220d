package io.pqflux.io;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Opening a local file the cheaper way for its size: a small file is read into pooled memory as its ranges are
 * first read ({@link LoadedInputFile}), a larger one mapped ({@link MappedInputFile}).
 *
 * <p>Why not map everything: a mapping costs a page fault on every page first read, an unmapping, and, because a
 * mapping's arena is shared between threads, a JVM-wide handshake with every thread when it closes. For a file of a
 * few megabytes that costs more than copying it: searching a tenant of 200 blocks of 0.75 MB each was a third faster
 * with the blocks read whole into pooled memory (which is already faulted in and is reused) than with each mapped and
 * unmapped, and another 5% cheaper with only the ranges read copied.
 */
public final class LocalFiles {

    /** Files up to this size are read into pooled memory; larger ones are mapped. */
    public static final long MAX_LOADED_BYTES = 4L << 20;

    private LocalFiles() {
    }

    /** The file at {@code path}, read into pooled memory when it has at most {@link #MAX_LOADED_BYTES} bytes, else mapped. */
    public static InputFile open(Path path) {
        BasicFileAttributes attributes = regularFile(path, path.toString());
        return attributes.size() <= MAX_LOADED_BYTES ? LoadedInputFile.open(path, attributes)
                : MappedInputFile.open(path, attributes);
    }

    /**
     * The attributes of a regular file, checked before opening it: a FIFO would block the open until a writer came,
     * and a directory or a device cannot be mapped.
     */
    static BasicFileAttributes regularFile(Path path, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ParquetIOException(ParquetIOException.reason(e), SourceLocation.ofFile(name), e);
        }
        if (attributes.isDirectory()) {
            throw new ParquetIOException("is a directory, not a file", SourceLocation.ofFile(name), null);
        }
        if (!attributes.isRegularFile()) {
            throw new ParquetIOException("is not a regular file (a device, FIFO or socket cannot be mapped)",
                    SourceLocation.ofFile(name), null);
        }
        return attributes;
    }

    /**
     * The identity of the file opened: the path could name another file by the time it is stat'ed again, so only an
     * unchanged stat around the open, of the length found, identifies it; null otherwise (nothing parsed is cached).
     * Reads after the open see the file as it is then, as a mapping does: a file rewritten in place while open is not
     * one snapshot (files replaced by a rename, as writers publish them, are: the open file keeps its contents).
     */
    static FileIdentity identity(Path path, BasicFileAttributes before, long lengthRead) throws IOException {
        BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
        boolean stable = before.lastModifiedTime().equals(after.lastModifiedTime())
                && Objects.equals(before.fileKey(), after.fileKey()) && after.size() == lengthRead;
        return stable ? FileIdentity.of(path, after) : null;
    }
}
