package io.pqflux.internal.format;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.PageIndexDecoder;
import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Function;

/**
 * Reads the page index of a column chunk: the {@link ColumnIndex} and {@link OffsetIndex} structs the chunk's
 * metadata points to (usually stored together before the footer).
 */
public final class PageIndexReader {

    private PageIndexReader() {
    }

    /** The chunk's column index, or null when it has none. */
    public static ColumnIndex columnIndex(InputFile file, ColumnChunk chunk, SourceLocation where) {
        return read(file, chunk.columnIndexOffset(), chunk.columnIndexLength(), "column index", where,
                PageIndexDecoder::readColumnIndex);
    }

    /** The chunk's offset index, or null when it has none. */
    public static OffsetIndex offsetIndex(InputFile file, ColumnChunk chunk, SourceLocation where) {
        return read(file, chunk.offsetIndexOffset(), chunk.offsetIndexLength(), "offset index", where,
                PageIndexDecoder::readOffsetIndex);
    }

    /**
     * The chunk's offset index, decoded from {@code bytes}, a read of the file that starts at {@code bytesOffset} and
     * covers the index.
     */
    public static OffsetIndex offsetIndex(MemorySegment bytes, long bytesOffset, ColumnChunk chunk, SourceLocation where) {
        long offset = chunk.offsetIndexOffset();
        int length = chunk.offsetIndexLength();
        if (offset < bytesOffset || length <= 0 || offset + length > bytesOffset + bytes.byteSize()) {
            throw new IllegalArgumentException("offset index [" + offset + ", +" + length + ") not within the bytes read");
        }
        return decode(bytes.asSlice(offset - bytesOffset, length), offset, where, PageIndexDecoder::readOffsetIndex);
    }

    private static <T> T read(InputFile file, Long offset, Integer length, String what, SourceLocation where,
                              Function<CompactReader, T> decoder) {
        if (offset == null || length == null) return null;
        if (offset < 0 || length <= 0 || offset > file.length() - length) {
            throw new CorruptFileException(what + " at offset " + offset + " of " + length + " bytes lies outside the file of "
                    + file.length() + " bytes", where.withOffset(offset == null ? -1 : offset));
        }
        try (Arena arena = Arena.ofConfined()) {
            return decode(file.read(offset, length, arena), offset, where, decoder);
        }
    }

    private static <T> T decode(MemorySegment bytes, long offset, SourceLocation where, Function<CompactReader, T> decoder) {
        CompactReader reader = new CompactReader(bytes, offset, where);
        try {
            return decoder.apply(reader);
        } catch (ParquetException e) {
            throw e.locatedIn(where.withOffset(offset + reader.position()));
        }
    }
}
