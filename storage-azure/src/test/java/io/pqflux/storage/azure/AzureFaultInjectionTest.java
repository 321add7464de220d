package io.pqflux.storage.azure;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.azure.testkit.LocalAzurite;
import io.pqflux.storage.http.HttpSettings;
import io.pqflux.storage.http.testkit.FaultInjectionContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The fault-injection contract against Azurite. */
class AzureFaultInjectionTest extends FaultInjectionContract {

    private static LocalAzurite azurite;

    @BeforeAll
    static void start() throws Exception {
        azurite = new LocalAzurite();
        azurite.createContainer("faults");
        azurite.put("faults", "data.bin", DATA);
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    @Override
    protected int upstreamPort() {
        return azurite.port();
    }

    @Override
    protected ObjectStore store(URI proxyRoot, HttpSettings transfer) {
        return AzureStorage.create(LocalAzurite.configFor(LocalAzurite.endpointVia(proxyRoot)).withTransfer(transfer))
                .ownedStore("faults", "");
    }
}
