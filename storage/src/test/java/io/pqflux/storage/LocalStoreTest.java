package io.pqflux.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.storage.testkit.ObjectStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store under the store contract, and how locations find stores. */
class LocalStoreTest extends ObjectStoreContract {

    @TempDir
    Path root;

    @BeforeEach
    void fill() {
        OBJECTS.forEach((path, bytes) -> {
            try {
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    protected ObjectStore store() {
        return ObjectStores.open(root.toString(), Map.of());
    }

    @Override
    protected String expectedName(String path) {
        return root.resolve(path).toString();
    }

    @Test
    void aMissingRootFailsToListButHasNoFolders() {
        try (ObjectStore store = ObjectStores.local(root.resolve("nowhere"))) {
            assertThatThrownBy(() -> store.list("").blockLast()).hasMessageContaining("no such directory")
                    .hasMessageContaining("nowhere");
            assertThat(store.folders("").collectList().block()).isEmpty();
        }
    }

    @Test
    void fileUrisAndPathsAreLocalOtherSchemesNeedTheirModule() {
        try (ObjectStore store = ObjectStores.open(root.toUri().toString(), Map.of())) {
            assertThat(store.readBytes("a/c.bin").block()).containsExactly('c');
        }
        assertThat(ObjectStores.isUri("s3://bucket/key")).isTrue();
        assertThat(ObjectStores.isUri("C:\\data\\x.parquet")).isFalse();
        assertThat(ObjectStores.isUri("relative/dir")).isFalse();
        // this module's tests have no store module on the class path
        assertThatThrownBy(() -> ObjectStores.open("gs://bucket/prefix", Map.of()))
                .isInstanceOf(UnknownStoreException.class)
                .hasMessageStartingWith("no object store for gs:// (gs://bucket/prefix); available: file.");
    }

    @Test
    void anOpenedFileReplacedSinceFailsAsChanged() throws IOException {
        try (ObjectStore store = ObjectStores.local(root)) {
            RemoteObject opened = store.open("a/c.bin").block();
            Files.write(root.resolve("a/c.bin"), new byte[] {1, 2});
            assertThatThrownBy(() -> opened.read(0, 1).block())
                    .isInstanceOf(io.pqflux.error.ParquetIOException.class)
                    .hasMessageContaining("changed since it was opened")
                    .satisfies(e -> assertThat(((ObjectRequestException) e.getCause()).failure())
                            .isEqualTo(RequestFailure.OBJECT_CHANGED));
        }
    }
}
