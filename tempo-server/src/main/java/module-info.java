/**
 * Grafana Tempo's query API over Tempo blocks ({@link io.pqflux.tempo.server.TempoServer}): HTTP/1.1 endpoints in JSON
 * and protobuf, the streaming querier over gRPC on the same port, the server's metrics, a trace viewer. {@code
 * io.pqflux.tempo.server.internal} (routes, endpoints, the gRPC framing, Tempo's messages) is implementation.
 */
module io.pqflux.tempo.server {
    requires transitive io.pqflux.tempo.query;
    requires io.pqflux.storage;
    requires io.pqflux.codec;
    requires io.pqflux.otlp;
    requires com.google.protobuf;
    requires reactor.netty.core;
    requires reactor.netty.http;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.resolver.dns;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.reactivestreams;

    exports io.pqflux.tempo.server;
}
