/**
 * Azure Blob Storage ({@code az://container/prefix}): blobs read through {@code io.pqflux.storage.http} (coalesced,
 * retried range GETs over reactor-netty into pooled direct buffers), authorized with Shared Key, a SAS or nothing; no
 * Azure SDK. {@code io.pqflux.storage.azure}: {@code AzureStorage} (one account's connection pool and signer,
 * configured by {@code AzureConfig}) and its stores; found by {@code ObjectStores} through the {@code az} scheme.
 * {@code io.pqflux.storage.azure.internal} is implementation.
 */
module io.pqflux.storage.azure {
    requires transitive io.pqflux.storage.http;
    requires java.xml;

    exports io.pqflux.storage.azure;

    provides io.pqflux.storage.spi.ObjectStoreProvider with io.pqflux.storage.azure.internal.AzureStoreProvider;
}
