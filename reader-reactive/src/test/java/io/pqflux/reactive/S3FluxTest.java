package io.pqflux.reactive;

import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.http.testkit.ObjectServer;

/** {@code ParquetFlux} over S3 (S3Proxy in this JVM). */
class S3FluxTest extends ObjectStoreFluxTest {

    @Override
    ObjectServer start() throws Exception {
        return new LocalS3();
    }
}
