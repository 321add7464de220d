package io.pqflux.storage.s3.testkit;

import io.pqflux.storage.s3.AddressingStyle;
import io.pqflux.storage.RetryPolicy;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.http.HttpSettings;
import io.pqflux.storage.http.testkit.ObjectServer;
import io.pqflux.storage.s3.S3Storage;
import io.pqflux.storage.s3.S3Config;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3-compatible server for tests: S3Proxy in this JVM on 127.0.0.1 (a free port), in-memory store,
 * checking Signature V4 with a fixed key pair. Objects are put straight into its store, not through our client.
 * In the module's test-jar (package {@code testkit}) for the CLI's tests and the bench module's object-storage
 * benchmark.
 */
public final class LocalS3 implements ObjectServer {

    public static final String ACCESS_KEY = "pqflux-test-access";
    public static final String SECRET_KEY = "pqflux-test-secret";
    public static final String REGION = "us-east-1";

    private final BlobStore store = new TransientNio2BlobStore();
    private final S3Proxy proxy;
    private S3Storage shared;

    /** A server that checks Signature V4 with {@link #ACCESS_KEY} and {@link #SECRET_KEY}. */
    public LocalS3() throws Exception {
        this(AuthenticationType.AWS_V4);
    }

    /** A server that serves anyone, as a public bucket does (for anonymous access). */
    public static LocalS3 withoutAuthentication() throws Exception {
        return new LocalS3(AuthenticationType.NONE);
    }

    private LocalS3(AuthenticationType authentication) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public int port() {
        return proxy.getPort();
    }

    public void createBucket(String bucket) {
        store.createContainer(bucket);
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public void createContainer(String container) {
        createBucket(container);
    }

    @Override
    public synchronized ObjectStore store(String container, String prefix) {
        if (shared == null) shared = S3Storage.create(config().withListPageSize(7));
        return shared.store(container, prefix);
    }

    @Override
    public ObjectStore storeVia(URI root, String container, String prefix, HttpSettings transfer) {
        return S3Storage.create(configFor(root).withTransfer(transfer)).ownedStore(container, prefix);
    }

    /** Puts (or replaces) an object; a replacement gets a new ETag. */
    @Override
    public void put(String bucket, String key, byte[] bytes) {
        store.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) bytes.length).build(),
                new ByteArrayInputStream(bytes));
    }

    /** Path-style access to this server with its credentials, and quick retries for tests. */
    public S3Config config() {
        return configFor(endpoint());
    }

    /** The same, through another endpoint (a fault-injecting proxy in front of this server). */
    public static S3Config configFor(URI endpoint) {
        return S3Config.defaults()
                .withEndpoint(endpoint)
                .withRegion(REGION)
                .withAddressing(AddressingStyle.PATH)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .withTransfer(HttpSettings.defaults()
                        .withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)))
                        .withRequestTimeout(Duration.ofSeconds(5)));
    }

    @Override
    public synchronized void close() {
        if (shared != null) shared.close();
        try {
            proxy.stop();
            store.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping S3Proxy failed", e);
        }
    }
}
