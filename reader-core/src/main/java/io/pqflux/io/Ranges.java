package io.pqflux.io;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;

/** Bounds checks shared by the {@link InputFile} implementations. */
final class Ranges {

    private Ranges() {
    }

    static void check(String file, long fileLength, long offset, long length) {
        if (offset < 0 || length < 0 || offset > fileLength || length > fileLength - offset) {
            throw new CorruptFileException("byte range [" + offset + ", " + (offset + length)
                    + ") lies outside the file of " + fileLength + " bytes", SourceLocation.ofFile(file).withOffset(offset));
        }
    }
}
