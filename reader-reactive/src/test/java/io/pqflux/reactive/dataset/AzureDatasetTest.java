package io.pqflux.reactive.dataset;

import io.pqflux.storage.azure.testkit.LocalAzurite;
import io.pqflux.storage.http.testkit.ObjectServer;

/** The dataset tests over Azurite. */
class AzureDatasetTest extends ObjectStoreDatasetTest {

    @Override
    ObjectServer start() throws Exception {
        return new LocalAzurite();
    }
}
