package io.pqflux.internal.format;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.internal.crypto.ModuleType;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.PageIndexDecoder;
import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Function;

/**
 * Reads the page index of a column chunk: the {@link ColumnIndex} and {@link OffsetIndex} structs the chunk's
 * metadata points to (usually stored together before the footer). In an encrypted chunk each index is one GCM module.
 */
public final class PageIndexReader {

    private PageIndexReader() {
    }

    /**
     * The chunk's column index, or null when it has none.
     *
     * @param decryptor the chunk's decryptor when it is encrypted, else null
     */
    public static ColumnIndex columnIndex(InputFile file, ColumnChunk chunk, ColumnDecryptor decryptor, SourceLocation where) {
        return read(file, chunk.columnIndexOffset(), chunk.columnIndexLength(), ModuleType.COLUMN_INDEX, decryptor, where,
                PageIndexDecoder::readColumnIndex);
    }

    /**
     * The chunk's offset index, or null when it has none.
     *
     * @param decryptor the chunk's decryptor when it is encrypted, else null
     */
    public static OffsetIndex offsetIndex(InputFile file, ColumnChunk chunk, ColumnDecryptor decryptor, SourceLocation where) {
        return read(file, chunk.offsetIndexOffset(), chunk.offsetIndexLength(), ModuleType.OFFSET_INDEX, decryptor, where,
                PageIndexDecoder::readOffsetIndex);
    }

    /**
     * The chunk's offset index, decoded from {@code bytes}, a read of the file that starts at {@code bytesOffset} and
     * covers the index.
     */
    public static OffsetIndex offsetIndex(MemorySegment bytes, long bytesOffset, ColumnChunk chunk, ColumnDecryptor decryptor,
                                          SourceLocation where) {
        long offset = chunk.offsetIndexOffset();
        int length = chunk.offsetIndexLength();
        if (offset < bytesOffset || length <= 0 || offset + length > bytesOffset + bytes.byteSize()) {
            throw new IllegalArgumentException("offset index [" + offset + ", +" + length + ") not within the bytes read");
        }
        return decode(bytes.asSlice(offset - bytesOffset, length), offset, ModuleType.OFFSET_INDEX, decryptor, where,
                PageIndexDecoder::readOffsetIndex);
    }

    private static <T> T read(InputFile file, Long offset, Integer length, ModuleType type, ColumnDecryptor decryptor,
                              SourceLocation where, Function<CompactReader, T> decoder) {
        if (offset == null || length == null) return null;
        if (offset < 0 || length <= 0 || offset > file.length() - length) {
            throw new CorruptFileException(type.description() + " at offset " + offset + " of " + length + " bytes lies outside the file of "
                    + file.length() + " bytes", where.withOffset(offset == null ? -1 : offset));
        }
        try (Arena arena = Arena.ofConfined()) {
            return decode(file.read(offset, length, arena), offset, type, decryptor, where, decoder);
        }
    }

    /** Decodes the index in {@code bytes}, after decrypting them when the chunk is encrypted (the index is one module). */
    private static <T> T decode(MemorySegment bytes, long offset, ModuleType type, ColumnDecryptor decryptor, SourceLocation where,
                                Function<CompactReader, T> decoder) {
        MemorySegment plaintext = decryptor == null ? bytes
                : MemorySegment.ofArray(decryptor.decrypt(bytes, type, -1, where.withOffset(offset)));
        CompactReader reader = new CompactReader(plaintext, offset, where);
        try {
            return decoder.apply(reader);
        } catch (ParquetException e) {
            throw e.locatedIn(where.withOffset(offset + reader.position()));
        }
    }
}
