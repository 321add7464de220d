/**
 * S3-compatible object storage ({@code s3://bucket/prefix}): objects read through {@code io.pqflux.storage.http}
 * (coalesced, retried range GETs over reactor-netty into pooled direct buffers), signed with AWS Signature V4.
 * {@code io.pqflux.storage.s3}: {@code S3Storage} (one connection pool, signer and credential source, configured by
 * {@code S3Config}) and its stores; found by {@code ObjectStores} through the {@code s3} scheme.
 * {@code io.pqflux.storage.s3.internal} is implementation.
 */
// "s3" is the scheme's name everywhere; javac would rather module names did not end in digits
@SuppressWarnings("module")
module io.pqflux.storage.s3 {
    requires transitive io.pqflux.storage.http;
    // credentials providers are part of the configuration API
    requires transitive software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.auth.aws;
    requires software.amazon.awssdk.http.auth.spi;
    requires java.xml;
    // The SDK's jars are automatic modules, which cannot say that they log through slf4j; without this, on the module
    // path nothing resolves org.slf4j and the SDK fails with NoClassDefFoundError: org/slf4j/LoggerFactory.
    requires org.slf4j;

    exports io.pqflux.storage.s3;

    provides io.pqflux.storage.spi.ObjectStoreProvider with io.pqflux.storage.s3.internal.S3StoreProvider;
}
