package io.pqflux.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ParquetIOException;
import io.pqflux.io.InputFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.StoredObject;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} does, run against each implementation: a store is filled with the same objects
 * ({@link #OBJECTS}) and must list, stat, read and root them alike. Implementations give the store and how it names a
 * path.
 */
public abstract class ObjectStoreContract {

    /** Paths below the root and their contents; "a/b" and "a-b" probe prefix edges, "hidden/_tmp/x" nesting. */
    public static final Map<String, byte[]> OBJECTS = objects();

    private static Map<String, byte[]> objects() {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        objects.put("a/b/one.bin", bytes("one"));
        objects.put("a/b/two.bin", new byte[70_000]);
        objects.put("a/c.bin", bytes("c"));
        objects.put("a-b/d.bin", bytes("d"));
        objects.put("empty.bin", new byte[0]);
        objects.put("hidden/_tmp/x.bin", bytes("x"));
        for (int i = 0; i < 70_000; i++) objects.get("a/b/two.bin")[i] = (byte) (i * 31);
        return objects;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A store whose root holds {@link #OBJECTS}; closed by the caller. */
    protected abstract ObjectStore store();

    /** The name the store gives {@code path} in messages: its local path or URI. */
    protected abstract String expectedName(String path);

    @Test
    void listsEveryObjectBelowAPrefixInPathOrder() {
        try (ObjectStore store = store()) {
            assertThat(paths(store.list(""))).containsExactly("a-b/d.bin", "a/b/one.bin", "a/b/two.bin", "a/c.bin",
                    "empty.bin", "hidden/_tmp/x.bin");
            assertThat(paths(store.list("a/"))).containsExactly("a/b/one.bin", "a/b/two.bin", "a/c.bin");
            assertThat(paths(store.list("a/b/t"))).containsExactly("a/b/two.bin");
            assertThat(paths(store.list("nothing/"))).isEmpty();
            StoredObject two = store.list("a/b/two").blockFirst();
            assertThat(two.size()).isEqualTo(70_000);
            assertThat(two.version()).isNotBlank();
        }
    }

    @Test
    void foldersAreTheFirstSegmentsBelowAPath() {
        try (ObjectStore store = store()) {
            assertThat(store.folders("").collectList().block()).containsExactly("a", "a-b", "hidden");
            assertThat(store.folders("a").collectList().block()).containsExactly("b");
            assertThat(store.folders("a/b").collectList().block()).isEmpty();
            assertThat(store.folders("nothing").collectList().block()).isEmpty();
        }
    }

    @Test
    void statAndWholeReadsAreEmptyForMissingObjects() {
        try (ObjectStore store = store()) {
            assertThat(store.stat("a/c.bin").block().size()).isEqualTo(1);
            assertThat(store.stat("a/missing.bin").blockOptional()).isEmpty();
            assertThat(store.readBytes("a/b/one.bin").block()).isEqualTo(bytes("one"));
            assertThat(store.readBytes("empty.bin").block()).isEmpty();
            assertThat(store.readBytes("a/b/two.bin").block()).isEqualTo(OBJECTS.get("a/b/two.bin"));
            assertThat(store.readBytes("a/missing.bin").blockOptional()).isEmpty();
        }
    }

    @Test
    void openedObjectsReadRangesAndMissingOnesFailAsNotFound() {
        try (ObjectStore store = store()) {
            RemoteObject two = store.open("a/b/two.bin").block();
            assertThat(two.length()).isEqualTo(70_000);
            assertThat(two.name()).isEqualTo(expectedName("a/b/two.bin"));
            try (FetchedRange range = two.read(1_000, 500).block()) {
                for (int i = 0; i < 500; i++) {
                    assertThat(range.segment().get(ValueLayout.JAVA_BYTE, i)).isEqualTo((byte) ((1_000 + i) * 31));
                }
            }
            assertThatThrownBy(() -> store.open("a/missing.bin").block())
                    .isInstanceOf(ParquetIOException.class)
                    .satisfies(e -> assertThat(((ObjectRequestException) e.getCause()).failure()).isEqualTo(RequestFailure.NOT_FOUND))
                    .hasMessageContaining("missing.bin");
        }
    }

    @Test
    @SuppressWarnings("try") // closes the view inside its try block: that closing it leaves the store open is under test
    void filesForTheReaderAndStoresBelowARoot() {
        try (ObjectStore store = store(); ObjectStore below = store.below("a/b")) {
            try (InputFile file = below.openInputFile("two.bin", 0); Arena arena = Arena.ofConfined()) {
                assertThat(file.name()).isEqualTo(expectedName("a/b/two.bin"));
                assertThat(file.length()).isEqualTo(70_000);
                assertThat(file.read(69_990, 10, arena).toArray(ValueLayout.JAVA_BYTE))
                        .isEqualTo(java.util.Arrays.copyOfRange(OBJECTS.get("a/b/two.bin"), 69_990, 70_000));
            }
            assertThat(paths(below.list(""))).containsExactly("one.bin", "two.bin");
            assertThat(below.describe("one.bin")).isEqualTo(expectedName("a/b/one.bin"));
            // the view leaves its store open
            below.close();
            assertThat(store.readBytes("a/c.bin").block()).isEqualTo(bytes("c"));
        }
    }

    private static List<String> paths(reactor.core.publisher.Flux<StoredObject> objects) {
        return objects.map(StoredObject::path).collectList().block();
    }
}
