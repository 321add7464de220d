package io.pqflux.reactive.dataset;

import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.http.testkit.ObjectServer;

/** The dataset tests over S3Proxy. */
class S3DatasetTest extends ObjectStoreDatasetTest {

    @Override
    ObjectServer start() throws Exception {
        return new LocalS3();
    }
}
