/**
 * What HTTP object stores share: signed, coalesced, retried range GETs over reactor-netty into pooled direct buffers,
 * each read conditional on the version seen at open ({@code If-Match}), request errors classified the same way for
 * every service. {@code io.pqflux.storage.http} is the toolkit a store module builds on ({@code HttpStorage},
 * {@code HttpObjectStore} over a {@code Container}, a {@code RequestSigner}); the store modules ({@code s3}, {@code az})
 * add their signing, addressing and listing. {@code io.pqflux.storage.http.internal} is implementation.
 */
module io.pqflux.storage.http {
    requires transitive io.pqflux.storage;
    // listing bodies are XML for S3 and Azure alike (ListingPage.parseXml)
    requires transitive java.xml;
    requires reactor.netty.core;
    requires reactor.netty.http;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.transport;
    requires io.netty.handler;
    // reactor-netty's jars are automatic modules: the netty modules its HTTP client loads and that nothing else
    // requires (DnsAddressResolverGroup, the HTTP/2 codec its connection setup references) are required here.
    requires io.netty.resolver.dns;
    requires io.netty.codec.http2;

    exports io.pqflux.storage.http;
}
