package io.pqflux.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ParquetIOException;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.azure.testkit.LocalAzurite;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.testkit.ObjectStoreContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Azure store under the store contract against Azurite, with listing pages of two blobs so every listing
 * paginates; a folder marker blob, which is no object; a blob replaced after it was opened; Azure's error codes.
 */
@ExtendWith(NoBufferLeaks.class)
class AzureStoreTest extends ObjectStoreContract {

    private static LocalAzurite azurite;

    @BeforeAll
    static void start() throws Exception {
        azurite = new LocalAzurite();
        azurite.createContainer("contract");
        OBJECTS.forEach((path, bytes) -> azurite.put("contract", "root/" + path, bytes));
        azurite.put("contract", "root/a/", new byte[0]);
        azurite.put("contract", "rooted-elsewhere.bin", new byte[] {1});
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    @Override
    protected ObjectStore store() {
        return AzureStorage.create(azurite.config().withListPageSize(2)).ownedStore("contract", "root");
    }

    @Override
    protected String expectedName(String path) {
        return "az://contract/root/" + path;
    }

    @Test
    void azUrisOpenThroughTheServiceLoaderWithSettingsOrAConnectionString() {
        assertThat(ObjectStores.schemes()).contains("az");
        try (ObjectStore store = ObjectStores.open("az://contract/root/a", azurite.settings())) {
            assertThat(store.root()).isEqualTo("az://contract/root/a/");
            assertThat(store.readBytes("c.bin").block()).containsExactly('c');
        }
        String connection = "DefaultEndpointsProtocol=http;AccountName=" + LocalAzurite.ACCOUNT + ";AccountKey=" + LocalAzurite.KEY
                + ";BlobEndpoint=" + azurite.endpoint() + ";";
        try (ObjectStore store = ObjectStores.open("az://contract/root", Map.of(AzureSettings.CONNECTION_STRING, connection))) {
            assertThat(store.readBytes("a/c.bin").block()).containsExactly('c');
        }
        assertThatThrownBy(() -> ObjectStores.open("az://contract/root", Map.of("acount", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown az setting 'acount'");
    }

    @Test
    void listedVersionsAreTheVersionsOpenedObjectsReport() {
        try (ObjectStore store = store()) {
            StoredObject listed = store.list("a/").blockFirst();
            RemoteObject opened = store.open(listed.path()).block();
            assertThat(listed.version()).isNotNull().isEqualTo(opened.version());
            assertThat(listed.modified()).isNotNull();
        }
    }

    @Test
    void aBlobReplacedAfterOpeningFailsAsChangedWithAzuresErrorCode() {
        azurite.put("contract", "replaced.bin", new byte[] {1, 2, 3, 4});
        try (AzureStorage storage = AzureStorage.create(azurite.config())) {
            RemoteObject opened = storage.open("contract", "replaced.bin").block();
            azurite.put("contract", "replaced.bin", new byte[] {5, 6, 7, 8});
            assertThatThrownBy(() -> opened.read(0, 4).block())
                    .isInstanceOf(ParquetIOException.class)
                    .cause().isInstanceOfSatisfying(ObjectRequestException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RequestFailure.OBJECT_CHANGED);
                        assertThat(e.status()).isEqualTo(412);
                        assertThat(e.errorCode()).isEqualTo("ConditionNotMet");
                        assertThat(e.attempts()).isEqualTo(1);
                    });
        }
    }

    @Test
    void aWrongKeyIsAccessDeniedAndAMissingContainerNotFound() {
        AzureConfig wrongKey = AzureConfig.of(LocalAzurite.ACCOUNT, AzureCredentials.sharedKey(LocalAzurite.KEY.replace('E', 'F')))
                .withEndpoint(azurite.endpoint());
        try (AzureStorage storage = AzureStorage.create(wrongKey)) {
            assertThatThrownBy(() -> storage.open("contract", "root/b.bin").block())
                    .cause().isInstanceOfSatisfying(ObjectRequestException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RequestFailure.ACCESS_DENIED);
                        assertThat(e.status()).isEqualTo(403);
                    });
        }
        try (AzureStorage storage = AzureStorage.create(azurite.config())) {
            assertThatThrownBy(() -> storage.list("no-such-container", "", 10).blockLast())
                    .isInstanceOf(ParquetIOException.class).hasMessageContaining("az://no-such-container/")
                    .cause().isInstanceOfSatisfying(ObjectRequestException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RequestFailure.NOT_FOUND);
                        assertThat(e.errorCode()).isEqualTo("ContainerNotFound");
                    });
        }
    }
}
