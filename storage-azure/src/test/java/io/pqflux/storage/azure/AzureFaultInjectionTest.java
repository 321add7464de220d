package io.pqflux.storage.azure;

import io.pqflux.storage.azure.testkit.LocalAzurite;
import io.pqflux.storage.http.testkit.FaultInjectionContract;
import io.pqflux.storage.http.testkit.ObjectServer;

/** The fault-injection contract against Azurite. */
class AzureFaultInjectionTest extends FaultInjectionContract {

    @Override
    protected ObjectServer start() throws Exception {
        return new LocalAzurite();
    }
}
