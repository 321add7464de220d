package io.pqflux.storage.azure.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.error.ParquetIOException;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A List Blobs response body of arbitrary bytes (as UTF-8), parsed as a listing is: the XML parser with DTDs and
 * external entities refused, then each blob's name, length, ETag and RFC 1123 time. Anything wrong is a
 * {@link ParquetIOException} naming the listing. Seeds: responses shaped as Azure and Azurite send them.
 */
class ListBlobsFuzzTest {

    /** A DOM is some tens of bytes per character of markup. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(4096, ParquetIOException.class);

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void listBlobs(byte[] body) {
        String xml = new String(body, StandardCharsets.UTF_8);
        INVARIANTS.check(body.length, () -> ListBlobsPages.parse(xml, "az://container/?comp=list"));
    }
}
