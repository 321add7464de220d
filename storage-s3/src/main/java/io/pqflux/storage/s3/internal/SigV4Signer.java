package io.pqflux.storage.s3.internal;

import io.pqflux.storage.http.RequestSigner;
import io.pqflux.storage.http.RequestTarget;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with AWS Signature Version 4 through the AWS SDK's signer, configured the way S3 wants it:
 * the path encoded once and not normalised, and the payload hash (of the empty body) sent in
 * {@code x-amz-content-sha256}. The signature itself is pure computation, safe on an event loop; credentials come
 * from the {@link CredentialsCache}, which resolves them elsewhere.
 */
public final class SigV4Signer implements RequestSigner {

    private static final String SERVICE = "s3";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String region;
    private final Clock clock;
    private final CredentialsCache credentials;

    public SigV4Signer(String region, Clock clock, CredentialsCache credentials) {
        this.region = region;
        this.clock = clock;
        this.credentials = credentials;
    }

    @Override
    public Mono<Map<String, List<String>>> sign(String method, RequestTarget target, Map<String, String> query,
            Map<String, String> headers) {
        return credentials.current().map(identity -> signWith(identity, method, target, query, headers));
    }

    /**
     * Every header to send: {@code headers} plus {@code Host}, {@code X-Amz-Date}, {@code x-amz-content-sha256},
     * {@code X-Amz-Security-Token} for session credentials and {@code Authorization} (none of the last three for
     * anonymous credentials); {@code query} raw, not URL-encoded.
     */
    Map<String, List<String>> signWith(AwsCredentialsIdentity identity, String method, RequestTarget target,
            Map<String, String> query, Map<String, String> headers) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol(target.scheme())
                .host(target.host())
                .port(target.port() < 0 ? null : target.port())
                .encodedPath(target.encodedPath());
        headers.forEach(request::putHeader);
        query.forEach(request::putRawQueryParameter);
        return signer.sign(r -> r.identity(identity)
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, clock))
                .request()
                .headers();
    }
}
