package io.pqflux.io;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Which content a file name stood for when it was seen: its name, its length and a version that changes whenever the
 * file is replaced (a local file's modification time, an object's ETag). Caches of parsed metadata are keyed by it, so
 * a replaced file is never served what was parsed from its predecessor.
 */
public record FileIdentity(String name, long length, String version) {

    public FileIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (length < 0) throw new IllegalArgumentException("negative length " + length + " of " + name);
    }

    /** A local file as a listing sees it; named {@code path.toString()}, as {@link MappedInputFile} names it. */
    public static FileIdentity of(Path path, BasicFileAttributes attributes) {
        return new FileIdentity(path.toString(), attributes.size(), attributes.lastModifiedTime().toString());
    }
}
