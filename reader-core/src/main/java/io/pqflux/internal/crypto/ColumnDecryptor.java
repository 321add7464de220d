package io.pqflux.internal.crypto;

import io.pqflux.error.SourceLocation;
import io.pqflux.internal.codec.compress.GrowableOutput;
import java.lang.foreign.MemorySegment;

/**
 * Decrypts the modules of one encrypted column chunk: its page headers, pages, dictionary page, column and offset
 * index and bloom filter, each with the AAD of its kind, row group, column and (for data pages) page ordinal.
 * Immutable and thread-safe.
 */
public final class ColumnDecryptor {

    private final ModuleCipher metadata;
    private final ModuleCipher pages;
    private final byte[] fileAad;
    private final int rowGroupOrdinal;
    private final int columnOrdinal;
    private final String column;

    ColumnDecryptor(ModuleCipher metadata, ModuleCipher pages, byte[] fileAad, int rowGroupOrdinal, int columnOrdinal,
                    String column) {
        this.metadata = metadata;
        this.pages = pages;
        this.fileAad = fileAad;
        this.rowGroupOrdinal = rowGroupOrdinal;
        this.columnOrdinal = columnOrdinal;
        this.column = column;
    }

    /**
     * The size, length prefix included, of the GCM module (a page header, a bloom filter header) whose length prefix
     * starts {@code bytes}, checked to fit in the {@code available} bytes from there.
     */
    public long moduleSize(MemorySegment bytes, long available, ModuleType type, SourceLocation where) {
        return metadata.moduleSize(bytes, available, describe(type, -1), where);
    }

    /** Bytes a GCM module adds to its plaintext: length prefix, nonce and tag. */
    public int gcmOverhead() {
        return metadata.overhead();
    }

    /** The plaintext of a GCM module of this column: a page header, an index, a bloom filter header or bitset. */
    public byte[] decrypt(MemorySegment module, ModuleType type, int pageOrdinal, SourceLocation where) {
        return metadata.decrypt(module, ModuleAad.of(fileAad, type, rowGroupOrdinal, columnOrdinal, pageOrdinal),
                describe(type, pageOrdinal), where);
    }

    /**
     * The plaintext of a data page ({@code pageOrdinal} its number among the chunk's data pages) or the dictionary page
     * ({@code pageOrdinal} ignored), in {@code out}'s memory.
     */
    public MemorySegment decryptPage(MemorySegment module, ModuleType type, int pageOrdinal, GrowableOutput out,
                                     SourceLocation where) {
        byte[] aad = ModuleAad.of(fileAad, type, rowGroupOrdinal, columnOrdinal, pageOrdinal);
        return pages.decrypt(module, aad, out, describe(type, pageOrdinal), where);
    }

    private String describe(ModuleType type, int pageOrdinal) {
        return "column " + column + " " + type.description() + (type.hasPageOrdinal() && pageOrdinal >= 0 ? " " + pageOrdinal : "");
    }
}
