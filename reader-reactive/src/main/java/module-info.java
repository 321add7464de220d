/**
 * Reactor pipelines over the reader, and object storage. {@code io.pqflux.reactive}: Parquet files as {@code Flux}es
 * of batches or mapped values, in file order, with bounded read-ahead and a memory budget. {@code
 * io.pqflux.reactive.s3}: S3-compatible objects read with signed, coalesced, retried range GETs over reactor-netty, as
 * a Reactor API ({@code S3File}) and as an {@code InputFile}. {@code io.pqflux.reactive.internal} is implementation.
 */
module io.pqflux.reactive {
    requires transitive io.pqflux.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
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
    requires com.fasterxml.jackson.databind;
    requires java.xml;
    // The SDK's jars are automatic modules, which cannot say that they log through slf4j; without this, on the module
    // path nothing resolves org.slf4j and the SDK fails with NoClassDefFoundError: org/slf4j/LoggerFactory.
    requires org.slf4j;
    // reactor-netty's jars are automatic modules too: the netty modules its HTTP client loads and that nothing else
    // requires (DnsAddressResolverGroup, the HTTP/2 codec its connection setup references) are required here.
    requires io.netty.resolver.dns;
    requires io.netty.codec.http2;

    exports io.pqflux.reactive;
    exports io.pqflux.reactive.s3;
    exports io.pqflux.reactive.dataset;
    // the dataset index's JSON records are read and written by Jackson
    opens io.pqflux.reactive.internal.dataset to com.fasterxml.jackson.databind;
}
