package io.pqflux.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.storage.testkit.ObjectStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A folder of many folders (a tenant of blocks) is walked in shares, on every core: the listing is the same as one
     * walk's, every file below the prefix in path order, files of the first level and of deeper folders alike.
     */
    @Test
    void manyFoldersListAsOneWalkWould() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String folder = "tenant/" + String.format("%08x-block", i * 7919);
            for (String file : List.of("data.parquet", "meta.json", "bloom/0")) {
                Path path = root.resolve(folder + "/" + file);
                Files.createDirectories(path.getParent());
                Files.write(path, new byte[i % 5]);
                expected.add(folder + "/" + file);
            }
            Files.createDirectories(root.resolve(folder + "/empty"));
        }
        Files.write(root.resolve("tenant/index.json.gz"), new byte[3]);
        expected.add("tenant/index.json.gz");
        Files.createSymbolicLink(root.resolve("tenant/link"), root.resolve("a"));
        expected.sort(null);
        try (ObjectStore store = ObjectStores.local(root)) {
            List<StoredObject> listed = store.list("tenant/").collectList().block();
            assertThat(listed).extracting(StoredObject::path).containsExactlyElementsOf(expected);
            assertThat(listed).filteredOn(o -> o.path().endsWith("/meta.json")).extracting(StoredObject::size)
                    .containsOnly(0L, 1L, 2L, 3L, 4L);
            assertThat(store.list("tenant/0").collectList().block()).extracting(StoredObject::path)
                    .containsExactlyElementsOf(expected.stream().filter(p -> p.startsWith("tenant/0")).toList());
        }
    }
}
