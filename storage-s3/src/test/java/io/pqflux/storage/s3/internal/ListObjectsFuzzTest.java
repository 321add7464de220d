package io.pqflux.storage.s3.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.error.ParquetIOException;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code ListObjectsV2} response body of arbitrary bytes (as UTF-8), parsed as a listing is: the XML parser with
 * DTDs and external entities refused, then each object's key, size, ETag and time. Anything wrong is a
 * {@link ParquetIOException} naming the listing. Seeds: responses shaped as S3 and S3Proxy send them.
 */
class ListObjectsFuzzTest {

    /** A DOM is some tens of bytes per character of markup. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(4096, ParquetIOException.class);

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void listObjects(byte[] body) {
        String xml = new String(body, StandardCharsets.UTF_8);
        INVARIANTS.check(body.length, () -> ListObjectsPages.parse(xml, "s3://bucket/?list-type=2"));
    }
}
