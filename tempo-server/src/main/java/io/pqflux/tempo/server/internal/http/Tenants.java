package io.pqflux.tempo.server.internal.http;

import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.query.TempoQuerier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tenants under the server's root, by the name a request gives in {@code X-Scope-OrgID}: each one's block list is
 * polled (so steady queries never wait for a listing) and its footers and bloom shards cached, for the most recently
 * used {@code maxTenants}. A name is checked as Tempo checks tenant IDs before it becomes a path.
 */
public final class Tenants {

    /** Tempo's tenant ID rules: up to 150 of letters, digits and {@code !-_.*'()}, not {@code .} or {@code ..}. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9!\\-_.*'()]{1,150}");

    /** A tenant's queries and its block data. */
    public record Tenant(String name, TempoTenant blocks, TempoQuerier querier) {
    }

    private final ObjectStore root;
    private final Duration refresh;
    private final QueryLimits limits;
    private final String defaultTenant;
    private final Map<String, Tenant> recent;

    public Tenants(ObjectStore root, Duration refresh, QueryLimits limits, String defaultTenant, int maxTenants) {
        this.root = root;
        this.refresh = refresh;
        this.limits = limits;
        this.defaultTenant = checked(defaultTenant);
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tenant> eldest) {
                return size() > maxTenants;
            }
        };
    }

    /** The tenant {@code header} names ({@code X-Scope-OrgID}; the default tenant when null or empty). */
    public Tenant of(String header) {
        String name = header == null || header.isBlank() ? defaultTenant : checked(header.strip());
        synchronized (recent) {
            return recent.computeIfAbsent(name, n -> {
                TempoTenant tenant = TempoTenant.of(root, n).withBlocklistPoll(refresh);
                return new Tenant(n, tenant, TempoQuerier.of(tenant).withLimits(limits));
            });
        }
    }

    private static String checked(String name) {
        if (name.indexOf('|') >= 0) {
            throw ApiException.badRequest("X-Scope-OrgID '" + ClientText.printable(name, 64) + "': queries across tenants are not supported");
        }
        if (!TENANT.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("X-Scope-OrgID '" + ClientText.printable(name, 64)
                    + "' is not a tenant ID: 1 to 150 letters, digits and !-_.*'(), not . or ..");
        }
        return name;
    }

    /**
     * The first listing: every tenant under the root (up to the cache's size) with its block list loaded. The server is
     * ready once this completes.
     */
    public Mono<Integer> loadAll(int maxTenants) {
        // deferred: each retry lists again
        return Flux.defer(() -> root.folders(""))
                .filter(name -> TENANT.matcher(name).matches() && !name.equals(".") && !name.equals(".."))
                .take(maxTenants)
                .collectList()
                .flatMap(names -> Flux.fromIterable(names.isEmpty() ? List.of(defaultTenant) : names)
                        .flatMap(name -> of(name).blocks().liveBlocks(null, null), 4)
                        .then(Mono.just(names.size())));
    }
}
