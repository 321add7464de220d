package io.pqflux.reactive;

import io.pqflux.storage.azure.testkit.LocalAzurite;
import io.pqflux.storage.http.testkit.ObjectServer;

/** {@code ParquetFlux} over Azure Blob Storage (Azurite). */
class AzureFluxTest extends ObjectStoreFluxTest {

    @Override
    ObjectServer start() throws Exception {
        return new LocalAzurite();
    }
}
