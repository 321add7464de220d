package io.pqflux.internal.format;

import io.pqflux.format.meta.Footer;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.FileMetaDataDecoder;
import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads the footer with one suffix read that usually covers the footer too (a second read only when
 * the footer is larger than the guess), validating both magics and the footer length first.
 */
public final class FooterReader {

    /** Large enough for most footers, small enough to be a cheap first request against object storage. */
    public static final int DEFAULT_SUFFIX_GUESS = 64 * 1024;

    private static final int MAGIC_PAR1 = 0x31524150; // "PAR1" little-endian
    private static final int MAGIC_PARE = 0x45524150; // "PARE": encrypted footer
    private static final int TAIL = 8; // footer length + magic

    private FooterReader() {
    }

    public static Footer read(InputFile file) {
        return read(file, DEFAULT_SUFFIX_GUESS);
    }

    public static Footer read(InputFile file, int suffixGuess) {
        SourceLocation where = SourceLocation.ofFile(file.name());
        long fileLength = file.length();
        if (fileLength < 4 + TAIL) {
            throw new CorruptFileException("file of " + fileLength + " bytes is too short to be Parquet (at least 12)",
                    where.withOffset(0));
        }
        try (Arena arena = Arena.ofConfined()) {
            long suffixLength = Math.min(fileLength, Math.max(suffixGuess, TAIL));
            long suffixStart = fileLength - suffixLength;
            MemorySegment suffix = file.read(suffixStart, suffixLength, arena);
            int tailMagic = suffix.get(LittleEndian.INT, suffixLength - 4);
            if (tailMagic == MAGIC_PARE) {
                throw new UnsupportedFeatureException("encrypted file (encrypted footer, magic PARE)",
                        where.withOffset(fileLength - 4));
            }
            if (tailMagic != MAGIC_PAR1) {
                throw new CorruptFileException("no PAR1 magic at the end of the file (found " + hex(tailMagic) + ")",
                        where.withOffset(fileLength - 4));
            }
            int headMagic = suffixStart == 0 ? suffix.get(LittleEndian.INT, 0) : file.read(0, 4, arena).get(LittleEndian.INT, 0);
            if (headMagic != MAGIC_PAR1) {
                throw new CorruptFileException("no PAR1 magic at the start of the file (found " + hex(headMagic) + ")",
                        where.withOffset(0));
            }
            long footerLength = Integer.toUnsignedLong(suffix.get(LittleEndian.INT, suffixLength - TAIL));
            long footerOffset = fileLength - TAIL - footerLength;
            if (footerOffset < 4) {
                throw new CorruptFileException("footer length " + footerLength + " does not fit in a file of "
                        + fileLength + " bytes", where.withOffset(fileLength - TAIL));
            }
            MemorySegment footer = footerOffset >= suffixStart
                    ? suffix.asSlice(footerOffset - suffixStart, footerLength)
                    : file.read(footerOffset, footerLength, arena);
            CompactReader reader = new CompactReader(footer, footerOffset, where);
            try {
                return new Footer(FileMetaDataDecoder.read(reader), footerOffset, footerLength);
            } catch (ParquetException e) {
                throw e.locatedIn(where.withOffset(footerOffset + reader.position()));
            }
        }
    }

    private static String hex(int magic) {
        return String.format("0x%08x", Integer.reverseBytes(magic));
    }
}
