package io.pqflux.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.pqflux.storage.http.RequestTarget;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The signer configured as S3 wants it reproduces AWS's published example "GET Object" of Signature Version 4
 * with an Authorization header (Amazon S3 API reference, "Examples: Signature Calculations in AWS Signature
 * Version 4"): the first 10 bytes of examplebucket/test.txt, signed with AWS's documented example keys.
 */
class SigV4SignerTest {

    private static final AwsCredentialsIdentity EXAMPLE_KEYS =
            AwsCredentialsIdentity.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Clock MAY_24_2013 = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void reproducesTheGetObjectExampleOfTheS3Documentation() {
        RequestTarget target = new RequestTarget(URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                "https", "examplebucket.s3.amazonaws.com", -1, "/test.txt");
        Map<String, List<String>> headers = new SigV4Signer("us-east-1", MAY_24_2013, null)
                .signWith(EXAMPLE_KEYS, "GET", target, Map.of(), Map.of("Range", "bytes=0-9"));

        assertThat(headers.get("Authorization")).containsExactly("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(headers.get("x-amz-content-sha256"))
                .containsExactly("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(headers.get("X-Amz-Date")).containsExactly("20130524T000000Z");
        assertThat(headers.get("Host")).containsExactly("examplebucket.s3.amazonaws.com");
    }

    @Test
    void aNonDefaultPortIsPartOfTheSignedHost() {
        RequestTarget target = new RequestTarget(URI.create("http://127.0.0.1:9000/b/k"), "http", "127.0.0.1", 9000, "/b/k");
        Map<String, List<String>> headers = new SigV4Signer("us-east-1", MAY_24_2013, null)
                .signWith(EXAMPLE_KEYS, "HEAD", target, Map.of(), Map.of());
        assertThat(headers.get("Host")).containsExactly("127.0.0.1:9000");
    }
}
