package io.pqflux.storage.s3.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with AWS Signature Version 4 through the AWS SDK's signer, configured the way S3 wants it:
 * the path encoded once and not normalised, and the payload hash (of the empty body) sent in
 * {@code x-amz-content-sha256}. Pure computation, safe on an event loop.
 */
public final class RequestSigner {

    private static final String SERVICE = "s3";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String region;
    private final Clock clock;

    public RequestSigner(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    /**
     * Returns every header to send: {@code headers} plus {@code Host}, {@code X-Amz-Date},
     * {@code x-amz-content-sha256}, {@code X-Amz-Security-Token} for session credentials and {@code Authorization}
     * (none of the last three for anonymous credentials).
     */
    public Map<String, List<String>> sign(SdkHttpMethod method, RequestTarget target, Map<String, String> headers,
            AwsCredentialsIdentity credentials) {
        return sign(method, target, Map.of(), headers, credentials);
    }

    /** As above, for a request with query parameters ({@code query}: raw, not URL-encoded). */
    public Map<String, List<String>> sign(SdkHttpMethod method, RequestTarget target, Map<String, String> query,
            Map<String, String> headers, AwsCredentialsIdentity credentials) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(method)
                .protocol(target.scheme())
                .host(target.host())
                .port(target.port() < 0 ? null : target.port())
                .encodedPath(target.encodedPath());
        headers.forEach(request::putHeader);
        query.forEach(request::putRawQueryParameter);
        return signer.sign(r -> r.identity(credentials)
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
