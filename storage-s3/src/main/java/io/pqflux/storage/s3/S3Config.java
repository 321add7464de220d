package io.pqflux.storage.s3;

import io.pqflux.storage.RangeCoalescing;
import io.pqflux.storage.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * How to reach object storage and how to read from it. Immutable: each {@code with…} method returns a changed
 * copy. Defaults suit AWS S3: the regional endpoint, virtual-host addressing, the standard credential chain.
 */
public final class S3Config {

    private static final S3Config DEFAULTS = new S3Config(null, null, AddressingStyle.VIRTUAL_HOST, null,
            Duration.ofSeconds(30), RetryPolicy.defaults(), 16, RangeCoalescing.defaults(), 64 << 10, 1 << 20, 1000);

    private final URI endpoint;
    private final String region;
    private final AddressingStyle addressing;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final int maxConcurrentRequests;
    private final RangeCoalescing coalescing;
    private final int footerSuffixBytes;
    private final long smallObjectBytes;
    private final int listPageSize;

    private S3Config(URI endpoint, String region, AddressingStyle addressing,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials, Duration requestTimeout, RetryPolicy retry,
            int maxConcurrentRequests, RangeCoalescing coalescing, int footerSuffixBytes, long smallObjectBytes,
            int listPageSize) {
        this.endpoint = endpoint;
        this.region = region;
        this.addressing = addressing;
        this.credentials = credentials;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.coalescing = coalescing;
        this.footerSuffixBytes = footerSuffixBytes;
        this.smallObjectBytes = smallObjectBytes;
        this.listPageSize = listPageSize;
    }

    public static S3Config defaults() {
        return DEFAULTS;
    }

    /** The service URI ({@code http(s)://host[:port][/base-path]}); {@code null} means AWS's regional endpoint. */
    public S3Config withEndpoint(URI newEndpoint) {
        if (newEndpoint != null && (newEndpoint.getHost() == null
                || !("http".equals(newEndpoint.getScheme()) || "https".equals(newEndpoint.getScheme())))) {
            throw new IllegalArgumentException("endpoint must be an http(s) URI with a host: " + newEndpoint);
        }
        return new S3Config(newEndpoint, region, addressing, credentials, requestTimeout, retry, maxConcurrentRequests,
                coalescing, footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    /** The signing region; {@code null} means the SDK's region chain (AWS_REGION, profile, instance metadata). */
    public S3Config withRegion(String newRegion) {
        return new S3Config(endpoint, newRegion, addressing, credentials, requestTimeout, retry, maxConcurrentRequests,
                coalescing, footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    public S3Config withAddressing(AddressingStyle newAddressing) {
        return new S3Config(endpoint, region, Objects.requireNonNull(newAddressing), credentials, requestTimeout, retry,
                maxConcurrentRequests, coalescing, footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    /**
     * Where credentials come from (any AWS SDK provider, e.g. {@code StaticCredentialsProvider},
     * {@code ProfileCredentialsProvider}, {@code AnonymousCredentialsProvider}); {@code null} means the SDK's
     * default chain: system properties, environment, web identity, profile files, container and instance
     * metadata. Providers may block; they are only ever called off the event loop.
     */
    public S3Config withCredentials(IdentityProvider<? extends AwsCredentialsIdentity> newCredentials) {
        return new S3Config(endpoint, region, addressing, newCredentials, requestTimeout, retry, maxConcurrentRequests,
                coalescing, footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    /** Time for one attempt, from sending the request to the last body byte. */
    public S3Config withRequestTimeout(Duration newTimeout) {
        if (newTimeout.isNegative() || newTimeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        return new S3Config(endpoint, region, addressing, credentials, newTimeout, retry, maxConcurrentRequests,
                coalescing, footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    public S3Config withRetry(RetryPolicy newRetry) {
        return new S3Config(endpoint, region, addressing, credentials, requestTimeout, Objects.requireNonNull(newRetry),
                maxConcurrentRequests, coalescing, footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    /** Requests in flight at once per {@link S3Storage} (its connection pool size). */
    public S3Config withMaxConcurrentRequests(int newMax) {
        if (newMax < 1) throw new IllegalArgumentException("maxConcurrentRequests must be positive: " + newMax);
        return new S3Config(endpoint, region, addressing, credentials, requestTimeout, retry, newMax, coalescing,
                footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    public S3Config withCoalescing(RangeCoalescing newCoalescing) {
        return new S3Config(endpoint, region, addressing, credentials, requestTimeout, retry, maxConcurrentRequests,
                Objects.requireNonNull(newCoalescing), footerSuffixBytes, smallObjectBytes, listPageSize);
    }

    /** Bytes read from the end of an object at open to cover the footer (64 KiB by default). */
    public S3Config withFooterSuffixBytes(int newSuffixBytes) {
        if (newSuffixBytes < 8) throw new IllegalArgumentException("footer suffix must be at least 8 bytes: " + newSuffixBytes);
        return new S3Config(endpoint, region, addressing, credentials, requestTimeout, retry, maxConcurrentRequests,
                coalescing, newSuffixBytes, smallObjectBytes, listPageSize);
    }

    /** Objects up to this size are read whole at open (1 MiB by default): one request instead of many. */
    public S3Config withSmallObjectBytes(long newSmallObjectBytes) {
        if (newSmallObjectBytes < 0) throw new IllegalArgumentException("negative size: " + newSmallObjectBytes);
        return new S3Config(endpoint, region, addressing, credentials, requestTimeout, retry, maxConcurrentRequests,
                coalescing, footerSuffixBytes, newSmallObjectBytes, listPageSize);
    }

    /** Keys per {@code ListObjectsV2} page a store lists with (1000 by default, S3's maximum). */
    public S3Config withListPageSize(int newPageSize) {
        if (newPageSize <= 0 || newPageSize > 1000) throw new IllegalArgumentException("page size must be 1..1000: " + newPageSize);
        return new S3Config(endpoint, region, addressing, credentials, requestTimeout, retry, maxConcurrentRequests,
                coalescing, footerSuffixBytes, smallObjectBytes, newPageSize);
    }

    public int listPageSize() {
        return listPageSize;
    }

    /** {@code null} when the AWS regional endpoint is used. */
    public URI endpoint() {
        return endpoint;
    }

    /** {@code null} when the SDK's region chain decides. */
    public String region() {
        return region;
    }

    public AddressingStyle addressing() {
        return addressing;
    }

    /** {@code null} when the SDK's default chain is used. */
    public IdentityProvider<? extends AwsCredentialsIdentity> credentials() {
        return credentials;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retry() {
        return retry;
    }

    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public RangeCoalescing coalescing() {
        return coalescing;
    }

    public int footerSuffixBytes() {
        return footerSuffixBytes;
    }

    public long smallObjectBytes() {
        return smallObjectBytes;
    }
}
