/**
 * S3-compatible object storage ({@code s3://bucket/prefix}): objects read with signed, coalesced, retried range GETs
 * over reactor-netty into pooled direct buffers. {@code io.pqflux.storage.s3}: {@code S3Storage} (one connection pool,
 * signer and credential source, configured by {@code S3Config}) and its stores; found by {@code ObjectStores} through
 * the {@code s3} scheme. {@code io.pqflux.storage.s3.internal} is implementation.
 */
module io.pqflux.storage.s3 {
    requires transitive io.pqflux.storage;
    // credentials providers are part of the configuration API
    requires transitive software.amazon.awssdk.identity.spi;
    requires reactor.netty.core;
    requires reactor.netty.http;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.transport;
    requires io.netty.handler;
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
    // reactor-netty's jars are automatic modules too: the netty modules its HTTP client loads and that nothing else
    // requires (DnsAddressResolverGroup, the HTTP/2 codec its connection setup references) are required here.
    requires io.netty.resolver.dns;
    requires io.netty.codec.http2;

    exports io.pqflux.storage.s3;

    provides io.pqflux.storage.spi.ObjectStoreProvider with io.pqflux.storage.s3.internal.S3StoreProvider;
}
