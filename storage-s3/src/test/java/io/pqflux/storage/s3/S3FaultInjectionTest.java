package io.pqflux.storage.s3;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.http.HttpSettings;
import io.pqflux.storage.http.testkit.FaultInjectionContract;
import io.pqflux.storage.s3.testkit.LocalS3;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The fault-injection contract against S3Proxy. */
class S3FaultInjectionTest extends FaultInjectionContract {

    private static LocalS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("faults");
        s3.put("faults", "data.bin", DATA);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Override
    protected int upstreamPort() {
        return s3.port();
    }

    @Override
    protected ObjectStore store(URI proxyRoot, HttpSettings transfer) {
        return S3Storage.create(LocalS3.configFor(proxyRoot).withTransfer(transfer)).ownedStore("faults", "");
    }
}
