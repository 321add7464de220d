package io.pqflux.reader;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.column.DictionaryForm;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A whole file of arbitrary bytes read through {@link ParquetReader}, as rows and as column batches, with the
 * default options (CRCs unchecked, dictionaries kept as ids for byte arrays) and with CRCs checked and
 * dictionaries materialised. Seeds: small corpus files, whose mutations reach past the footer into pages.
 */
class ParquetFileFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void rows(byte[] file) {
        FuzzedFileReads.rows(file, ReadOptions.defaults());
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void columns(byte[] file) {
        FuzzedFileReads.columns(file, ReadOptions.defaults().withVerifyCrc(true).withDictionaryForm(DictionaryForm.MATERIALIZED));
    }
}
