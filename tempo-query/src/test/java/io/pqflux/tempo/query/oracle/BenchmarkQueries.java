package io.pqflux.tempo.query.oracle;

import java.util.List;

/**
 * Tempo's benchmark queries, for the tests here and, through tempo's test-jar, the bench module's search suite
 * ({@code TempoSearchBenchmark}).
 */
public final class BenchmarkQueries {

    /** {@code BenchmarkBackendBlockTraceQL}'s 22 queries (tempo-vparquet4.md §14), in its order. */
    public static final List<String> TRACEQL = List.of(
            "{ span.component = `net/http` }",
            "{ span.component =~ `database/sql` }",
            "{ span.bloom = `does-not-exit-6c2408325a45` }",
            "{ name = `distributor.ConsumeTraces` }",
            "{ name = `grpcutils.Authenticate` }",
            "{ name = `does-not-exit-6c2408325a45` }",
            "{ resource.opencensus.exporterversion = `Jaeger-Go-2.30.0` }",
            "{ resource.module.path = `does-not-exit-6c2408325a45` }",
            "{ resource.service.name = `tempo-gateway` }",
            "{ resource.service.name = `does-not-exit-6c2408325a45` }",
            "{ rootServiceName = `tempo-distributor` && (status = error || span.http.status_code = 500)}",
            "{ rootServiceName = `faro-collector` && (status = error || span.http.status_code = 500)}",
            "{ rootServiceName = `doesntexist` && (status = error || span.http.status_code = 500)}",
            "{ .bloom = `does-not-exit-6c2408325a45` }",
            "{ resource.k8s.cluster.name =~ `prod.*` && name = `gcs.ReadRange` }",
            "{ resource.foo = `bar` || name = `gcs.ReadRange` }",
            "{ } | count() > 1",
            "{ resource.service.name != `loki-querier` } >> { resource.service.name = `loki-gateway` && status = error }",
            "{ resource.service.name = `loki-querier` } || { resource.service.name = `loki-gateway` }",
            "{resource.namespace!=\"\" && resource.service.name=\"cortex-gateway\" && duration>50ms && resource.cluster=~\"prod.*\"}",
            "{resource.k8s.cluster.name =~ \"prod.*\" && resource.k8s.namespace.name = \"hosted-grafana\" && "
                    + "resource.k8s.container.name=\"hosted-grafana-gateway\" && name = \"httpclient/grafana\" && "
                    + "span.http.status_code = 200 && duration > 20ms}",
            "{resource.k8s.cluster.name =~ \"prod.*\" && resource.k8s.namespace.name = \"tempo-prod\"} | "
                    + "select(resource.container)");

    private BenchmarkQueries() {
    }
}
