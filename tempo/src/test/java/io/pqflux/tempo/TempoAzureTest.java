package io.pqflux.tempo;

import io.pqflux.storage.azure.testkit.LocalAzurite;
import io.pqflux.storage.http.testkit.ObjectServer;

/** A Tempo block in an Azure Blob container (Azurite). */
class TempoAzureTest extends ObjectStoreTempoTest {

    @Override
    ObjectServer start() throws Exception {
        return new LocalAzurite();
    }
}
