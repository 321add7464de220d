package io.pqflux.reader;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.crypto.DecryptionProperties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Encrypted files of arbitrary bytes: what is read before any GCM tag can vouch for it — the plaintext
 * FileCryptoMetaData of an encrypted footer, the algorithm and its AAD fields, key metadata, module length
 * prefixes, a plaintext footer and its signature — read with parquet-testing's keys (a tampered module must fail
 * its tag check, typed), and without keys, through a key retriever that knows none, so the key metadata a file
 * carries ends up in the error that says which key is missing. Seeds: parquet-testing's encrypted files.
 */
class EncryptedFileFuzzTest {

    private static final DecryptionProperties KEYS = EncryptionKeys.corpus128(false).pqflux();
    private static final DecryptionProperties NO_KEYS = DecryptionProperties.builder().keyRetriever(metadata -> null).build();

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void withKeys(byte[] file) {
        FuzzedFileReads.rows(file, ReadOptions.defaults().withDecryption(KEYS));
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void withoutKeys(byte[] file) {
        FuzzedFileReads.columns(file, ReadOptions.defaults().withDecryption(NO_KEYS));
    }
}
