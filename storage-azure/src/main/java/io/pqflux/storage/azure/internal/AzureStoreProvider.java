package io.pqflux.storage.azure.internal;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.azure.AzureSettings;
import io.pqflux.storage.azure.AzureStorage;
import io.pqflux.storage.spi.ObjectStoreProvider;
import java.net.URI;
import java.util.Map;

/** {@code az://container/prefix} (the form adlfs, DuckDB and object_store use), with {@link AzureSettings}. */
public final class AzureStoreProvider implements ObjectStoreProvider {

    @Override
    public String scheme() {
        return "az";
    }

    @Override
    public ObjectStore open(URI root, Map<String, String> settings) {
        String container = root.getHost() != null ? root.getHost() : root.getAuthority();
        if (container == null || container.isEmpty()) throw new IllegalArgumentException("expected az://container/prefix, got " + root);
        String prefix = root.getPath() == null ? "" : root.getPath();
        return AzureStorage.create(AzureSettings.config(settings, System.getenv())).ownedStore(container, prefix);
    }
}
