package io.pqflux.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.testkit.ObjectStoreContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The S3 store under the store contract, opened by URI through the service loader as users do, with listing pages of
 * two keys so every listing paginates; and a folder marker key, which is no object.
 */
@ExtendWith(NoBufferLeaks.class)
class S3StoreTest extends ObjectStoreContract {

    private static LocalS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("contract");
        OBJECTS.forEach((path, bytes) -> s3.put("contract", "root/" + path, bytes));
        s3.put("contract", "root/a/", new byte[0]);
        s3.put("contract", "rooted-elsewhere.bin", new byte[] {1});
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Override
    protected ObjectStore store() {
        // pages of 2 keys: the provider takes no page size, so the store is made from the test's config here
        return S3Storage.create(s3.config().withListPageSize(2)).ownedStore("contract", "root");
    }

    @Override
    protected String expectedName(String path) {
        return "s3://contract/root/" + path;
    }

    @Test
    void s3UrisOpenThroughTheServiceLoaderWithSettings() {
        Map<String, String> settings = Map.of(S3Settings.ENDPOINT, s3.endpoint().toString(), S3Settings.REGION, LocalS3.REGION,
                S3Settings.PATH_STYLE, "true", S3Settings.ACCESS_KEY_ID, LocalS3.ACCESS_KEY,
                S3Settings.SECRET_ACCESS_KEY, LocalS3.SECRET_KEY);
        assertThat(ObjectStores.schemes()).contains("s3");
        try (ObjectStore store = ObjectStores.open("s3://contract/root/a", settings)) {
            assertThat(store.root()).isEqualTo("s3://contract/root/a/");
            assertThat(store.readBytes("c.bin").block()).containsExactly('c');
        }
        assertThatThrownBy(() -> ObjectStores.open("s3://contract/root", Map.of("endpiont", "http://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown s3 setting 'endpiont'");
    }
}
