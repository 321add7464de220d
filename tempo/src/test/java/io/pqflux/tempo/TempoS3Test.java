package io.pqflux.tempo;

import io.pqflux.storage.http.testkit.ObjectServer;
import io.pqflux.storage.s3.testkit.LocalS3;

/** A Tempo block in an S3 bucket (S3Proxy). */
class TempoS3Test extends ObjectStoreTempoTest {

    @Override
    ObjectServer start() throws Exception {
        return new LocalS3();
    }
}
