package io.pqflux.storage.s3;

import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.http.testkit.FaultInjectionContract;
import io.pqflux.storage.http.testkit.ObjectServer;

/** The fault-injection contract against S3Proxy. */
class S3FaultInjectionTest extends FaultInjectionContract {

    @Override
    protected ObjectServer start() throws Exception {
        return new LocalS3();
    }
}
