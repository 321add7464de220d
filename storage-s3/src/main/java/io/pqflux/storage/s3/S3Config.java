package io.pqflux.storage.s3;

import io.pqflux.storage.http.HttpSettings;
import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * How to reach S3 and how to read from it. Immutable: each {@code with…} method returns a changed copy. Defaults suit
 * AWS S3: the regional endpoint, virtual-host addressing, the standard credential chain, {@link HttpSettings#defaults()}.
 */
public final class S3Config {

    private static final S3Config DEFAULTS = new S3Config(null, null, AddressingStyle.VIRTUAL_HOST, null,
            HttpSettings.defaults(), 1000);

    private final URI endpoint;
    private final String region;
    private final AddressingStyle addressing;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final HttpSettings transfer;
    private final int listPageSize;

    private S3Config(URI endpoint, String region, AddressingStyle addressing,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials, HttpSettings transfer, int listPageSize) {
        this.endpoint = endpoint;
        this.region = region;
        this.addressing = addressing;
        this.credentials = credentials;
        this.transfer = transfer;
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
        return new S3Config(newEndpoint, region, addressing, credentials, transfer, listPageSize);
    }

    /** The signing region; {@code null} means the SDK's region chain (AWS_REGION, profile, instance metadata). */
    public S3Config withRegion(String newRegion) {
        return new S3Config(endpoint, newRegion, addressing, credentials, transfer, listPageSize);
    }

    public S3Config withAddressing(AddressingStyle newAddressing) {
        return new S3Config(endpoint, region, Objects.requireNonNull(newAddressing), credentials, transfer, listPageSize);
    }

    /**
     * Where credentials come from (any AWS SDK provider, e.g. {@code StaticCredentialsProvider},
     * {@code ProfileCredentialsProvider}, {@code AnonymousCredentialsProvider}); {@code null} means the SDK's
     * default chain: system properties, environment, web identity, profile files, container and instance
     * metadata. Providers may block; they are only ever called off the event loop.
     */
    public S3Config withCredentials(IdentityProvider<? extends AwsCredentialsIdentity> newCredentials) {
        return new S3Config(endpoint, region, addressing, newCredentials, transfer, listPageSize);
    }

    /** Timeouts, retries, concurrency, coalescing and what is read at open. */
    public S3Config withTransfer(HttpSettings newTransfer) {
        return new S3Config(endpoint, region, addressing, credentials, Objects.requireNonNull(newTransfer), listPageSize);
    }

    /** The transfer settings changed by {@code change}: {@code config.withTransfer(t -> t.withRetry(policy))}. */
    public S3Config withTransfer(UnaryOperator<HttpSettings> change) {
        return withTransfer(change.apply(transfer));
    }

    /** Keys per {@code ListObjectsV2} page a store lists with (1000 by default, S3's maximum). */
    public S3Config withListPageSize(int newPageSize) {
        if (newPageSize <= 0 || newPageSize > 1000) throw new IllegalArgumentException("page size must be 1..1000: " + newPageSize);
        return new S3Config(endpoint, region, addressing, credentials, transfer, newPageSize);
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

    public HttpSettings transfer() {
        return transfer;
    }
}
