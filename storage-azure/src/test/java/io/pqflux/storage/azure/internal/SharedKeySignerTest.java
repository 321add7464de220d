package io.pqflux.storage.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.pqflux.storage.http.RequestTarget;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shared Key signatures equal those of Azure's own SDK ({@code StorageSharedKeyCredential}, test scope only) for the
 * requests the store sends: ranged and conditional GETs, HEADs, listings with query parameters, names that need
 * encoding, emulator paths with the account in them. (Azurite checks them too, in every test that reads through it.)
 */
class SharedKeySignerTest {

    private static final String ACCOUNT = "myaccount";
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

    private final SharedKeySigner signer = new SharedKeySigner(ACCOUNT, KEY, FIXED);
    private final StorageSharedKeyCredential oracle = new StorageSharedKeyCredential(ACCOUNT, KEY);

    @Test
    void rangedConditionalGetOfAnEncodedBlobName() throws Exception {
        BlobAddressing addressing = new BlobAddressing(URI.create("https://myaccount.blob.core.windows.net"), null);
        RequestTarget target = addressing.blob("traces", "tenant/a b+c/ü=1/data.parquet");
        assertSameAsSdk("GET", target, Map.of(), Map.of("Range", "bytes=100-199", "If-Match", "\"0x8DCAFE\""));
    }

    @Test
    void headOnAnEmulatorPathWithTheAccountInIt() throws Exception {
        BlobAddressing addressing = new BlobAddressing(URI.create("http://127.0.0.1:10000/myaccount"), null);
        assertSameAsSdk("HEAD", addressing.blob("c", "x.parquet"), Map.of(), Map.of());
    }

    @Test
    void listingWithQueryParametersToSortAndDecode() throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("restype", "container");
        query.put("comp", "list");
        query.put("maxresults", "2");
        query.put("prefix", "dir with space/");
        query.put("marker", "2!48!MDAwMDE0IWRpci9hLmJpbiEwMDAwMjghOTk5OS0xMi0zMVQyMzo1OTo1OS45OTk5OTk5Wi0=");
        RequestTarget target = new BlobAddressing(URI.create("https://myaccount.blob.core.windows.net"), null).container("logs", query);
        assertSameAsSdk("GET", target, query, Map.of());
    }

    @Test
    void aPutWithABodySignsItsLengthAndTheXmsHeaders() throws Exception {
        RequestTarget target = new BlobAddressing(URI.create("https://myaccount.blob.core.windows.net"), null).blob("c", "b");
        assertSameAsSdk("PUT", target, Map.of(), Map.of("Content-Length", "11", "x-ms-blob-type", "BlockBlob"));
    }

    @Test
    void withoutAKeyOnlyTheDateAndVersionAreAdded() {
        RequestTarget target = new BlobAddressing(URI.create("https://myaccount.blob.core.windows.net"), "sv=2024&sig=abc%2B").blob("c", "b");
        Map<String, List<String>> headers = new SharedKeySigner(ACCOUNT, null, FIXED).signNow("GET", target, Map.of(), Map.of());
        assertThat(headers).containsOnlyKeys("x-ms-date", "x-ms-version");
        assertThat(headers.get("x-ms-date")).containsExactly("Mon, 23 Nov 2026 10:15:30 GMT");
        assertThat(target.uri()).hasToString("https://myaccount.blob.core.windows.net/c/b?sv=2024&sig=abc%2B");
    }

    @Test
    void aKeyThatIsNotBase64FailsNamingTheAccount() {
        assertThatThrownBy(() -> new SharedKeySigner(ACCOUNT, "not base64!", FIXED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'myaccount'");
    }

    private void assertSameAsSdk(String method, RequestTarget target, Map<String, String> query, Map<String, String> headers)
            throws Exception {
        Map<String, List<String>> signed = signer.signNow(method, target, query, headers);
        // the SDK's pipeline always has a Content-Length ("0" without a body, signed as empty): given none, this
        // entry point would sign the word "null"
        HttpHeaders sent = new HttpHeaders().set(HttpHeaderName.CONTENT_LENGTH, "0");
        signed.forEach((name, values) -> {
            if (!name.equals("Authorization")) sent.set(HttpHeaderName.fromString(name), values);
        });
        String expected = oracle.generateAuthorizationHeader(target.uri().toURL(), method, sent, false);
        assertThat(signed.get("Authorization")).containsExactly(expected);
        assertThat(expected).startsWith("SharedKey myaccount:");
    }
}
