package io.pqflux.storage;

import io.pqflux.storage.internal.LocalStore;
import io.pqflux.storage.spi.ObjectStoreProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Opens object stores by location: a local path (always available; files mapped, or read into pooled memory when small) or a URI whose scheme a store
 * module on the class or module path provides ({@code s3://bucket/prefix} with pqflux-storage-s3, {@code
 * az://container/prefix} with pqflux-storage-azure).
 */
public final class ObjectStores {

    /** {@code scheme://}, of two letters or more: a Windows drive letter ({@code C:\}) is a local path. */
    private static final Pattern URI_LOCATION = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");

    private ObjectStores() {
    }

    /** The local directory {@code root}; its files are memory-mapped, or read into pooled memory when small ({@link io.pqflux.io.LocalFiles}). */
    public static ObjectStore local(Path root) {
        return new LocalStore(Objects.requireNonNull(root, "root"));
    }

    /** Whether {@code location} is a URI ({@code scheme://...}) rather than a local path. */
    public static boolean isUri(String location) {
        return URI_LOCATION.matcher(location).matches();
    }

    /**
     * The store at {@code location}: a local path (or {@code file://} URI), else a URI opened by the provider of its
     * scheme with {@code settings}.
     *
     * @throws UnknownStoreException when no store module provides the scheme
     */
    public static ObjectStore open(String location, Map<String, String> settings) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        if (!isUri(location)) return local(Path.of(location));
        URI uri = URI.create(location);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) return local(Path.of(uri));
        Map<String, ObjectStoreProvider> providers = providers();
        ObjectStoreProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new UnknownStoreException("no object store for " + scheme + ":// (" + location + "); available: file"
                    + (providers.isEmpty() ? "" : ", " + String.join(", ", providers.keySet()))
                    + ". Put the store's module (e.g. pqflux-storage-" + scheme + ") on the class or module path");
        }
        return provider.open(uri, settings);
    }

    /** The schemes store modules provide, besides {@code file}. */
    public static Set<String> schemes() {
        return providers().keySet();
    }

    private static Map<String, ObjectStoreProvider> providers() {
        Map<String, ObjectStoreProvider> providers = new TreeMap<>();
        for (ObjectStoreProvider provider : ServiceLoader.load(ObjectStoreProvider.class, ObjectStores.class.getClassLoader())) {
            providers.putIfAbsent(provider.scheme(), provider);
        }
        return providers;
    }
}
