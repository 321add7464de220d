package io.pqflux.tempo.query;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The answer to a {@link TagsRequest}: per scope its names, sorted (Tempo sorts each scope's names; the order of the
 * scopes is Tempo's map order, unspecified: here resource, span, event, link, instrumentation, intrinsic). A scope with
 * no names is left out.
 */
public record TagNames(List<ScopeNames> scopes, MetadataMetrics metrics) {

    /** One scope's names. */
    public record ScopeNames(String name, List<String> tags) {
        public ScopeNames {
            Objects.requireNonNull(name, "name");
            tags = List.copyOf(tags);
        }
    }

    public TagNames {
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(metrics, "metrics");
    }

    /** The names of one scope ({@code resource}, …), empty when it has none. */
    public List<String> scope(String name) {
        return scopes.stream().filter(s -> s.name().equals(name)).findFirst().map(ScopeNames::tags).orElse(List.of());
    }

    /**
     * The names as v1's {@code /api/search/tags} lists them: every scope's in one sorted list, the intrinsics only when
     * they were asked for alone (v1 adds them only for {@code scope=intrinsic}).
     */
    public List<String> v1Names() {
        boolean intrinsicOnly = scopes.stream().allMatch(s -> s.name().equals("intrinsic"));
        TreeSet<String> all = new TreeSet<>();
        for (ScopeNames scope : scopes) {
            if (intrinsicOnly || !scope.name().equals("intrinsic")) all.addAll(scope.tags());
        }
        return List.copyOf(all);
    }
}
