package io.pqflux.otap.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.io.InputFile;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.PartFile;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RemoteObject;
import io.pqflux.storage.StoredObject;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * OTAP discovery over a listing of arbitrary object names (one per line of the input, as UTF-8): every name is either
 * taken as an exporter's part file — its table, partition, creation time and uuid read from the name, the time also
 * by {@link ExportScanner#createdMillis} — or skipped with a reason, never both and never lost, and nothing but an
 * {@link OtapException} escapes. Seeds: names of the bundled export, staging files and near misses.
 */
class ExportNamesFuzzTest {

    /** A listing is a few objects per name. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(256, OtapException.class);

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void listedNames(byte[] input) {
        List<String> names = new String(input, StandardCharsets.UTF_8).lines().distinct().toList();
        INVARIANTS.check(input.length, () -> {
            ExportListing listing = ExportScanner.scan(new ListingOnlyStore(names)).block(Duration.ofSeconds(5));
            Set<String> seen = new HashSet<>(listing.skipped().keySet());
            for (PartFile file : listing.files()) {
                assertThat(seen.add(file.path())).as("taken once and not skipped: %s", file.path()).isTrue();
                assertThat(ExportScanner.createdMillis(file.path())).isEqualTo(file.createdMillis());
            }
            assertThat(seen).as("every listed name taken or skipped").isEqualTo(new HashSet<>(names));
        });
    }

    /** A store that only lists: the names given, each of one byte, filtered by prefix as a store lists. */
    private record ListingOnlyStore(List<String> names) implements ObjectStore {

        @Override
        public String root() {
            return "fuzz://export/";
        }

        @Override
        public String describe(String path) {
            return root() + path;
        }

        @Override
        public Flux<StoredObject> list(String prefix) {
            return Flux.fromIterable(names).filter(name -> name.startsWith(prefix))
                    .map(name -> new StoredObject(name, 1, null, null));
        }

        @Override
        public Flux<String> folders(String path) {
            throw new UnsupportedOperationException("discovery only lists");
        }

        @Override
        public Mono<StoredObject> stat(String path) {
            throw new UnsupportedOperationException("discovery only lists");
        }

        @Override
        public Mono<RemoteObject> open(String path) {
            throw new UnsupportedOperationException("discovery only lists");
        }

        @Override
        public InputFile openInputFile(String path, long footerSizeHint) {
            throw new UnsupportedOperationException("discovery only lists");
        }

        @Override
        public Mono<FetchedRange> readWhole(String path) {
            throw new UnsupportedOperationException("discovery only lists");
        }

        @Override
        public ObjectStore below(String path) {
            throw new UnsupportedOperationException("discovery only lists");
        }

        @Override
        public void close() {
        }
    }
}
