package io.pqflux.cli;

import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.io.InputFile;
import io.pqflux.internal.page.PageHeaderWalker;
import java.lang.foreign.Arena;

/**
 * Counts the pages of a column chunk by walking its page headers without decompressing anything, with
 * the walk and checks the reader itself uses (decrypting the headers of an encrypted chunk).
 */
final class PageCounter {

    /** Page counts of one chunk by kind; V1 and V2 data pages are counted together. */
    record PageCounts(long dictionary, long data, long index) {

        long total() {
            return dictionary + data + index;
        }
    }

    private PageCounter() {
    }

    /** @param decryptor the chunk's decryptor when it is encrypted, else null */
    static PageCounts count(InputFile file, ColumnMetaData meta, ColumnDecryptor decryptor, SourceLocation where) {
        long dictionary = 0, data = 0, index = 0;
        try (Arena arena = Arena.ofConfined()) {
            long start = meta.chunkStart();
            PageHeaderWalker pages = new PageHeaderWalker(file.read(start, meta.totalCompressedSize(), arena), start,
                    meta.numValues(), decryptor == null ? null : new PageHeaderWalker.Encryption(decryptor, meta.dataPageOffset()),
                    where);
            for (PageHeaderWalker.RawPage page = pages.next(); page != null; page = pages.next()) {
                switch (page.header().type()) {
                    case DICTIONARY_PAGE -> dictionary++;
                    case INDEX_PAGE -> index++;
                    case DATA_PAGE, DATA_PAGE_V2 -> data++;
                }
            }
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
        return new PageCounts(dictionary, data, index);
    }
}
