package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.testkit.ForwardingObjectStore;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import io.pqflux.reactive.testkit.OffHeapReleased;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Tenants: block lists from directories and from the production tenant index, listed per query or polled;
 * FindTraceByID across blocks.
 */
@ExtendWith(OffHeapReleased.class)
class TempoTenantTest {

    private static final Path ROOT = Corpus.tempoBlock().getParent().getParent();

    @Test
    void listsTheBundledTenantsBlockFromItsDirectory() {
        List<BlockMeta> blocks = TempoTenant.local(ROOT, "single-tenant").blocks();
        assertThat(blocks).extracting(BlockMeta::blockId).containsExactly(UUID.fromString("b27b0e53-66a0-4505-afd6-434ae3cd4a10"));
    }

    @Test
    void aBlockIsOpenedByItsIdFromItsMetaAloneAndAMissingOneIsNotFound() {
        TempoTenant tenant = TempoTenant.local(ROOT, "single-tenant");
        UUID live = UUID.fromString("b27b0e53-66a0-4505-afd6-434ae3cd4a10");
        assertThat(tenant.block(live).meta().blockId()).isEqualTo(live);
        UUID missing = UUID.fromString("00000000-0000-0000-0000-000000000009");
        StepVerifier.create(tenant.liveBlock(missing))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TempoException.class)
                        .hasMessageContaining("single-tenant/" + missing + "/meta.json")
                        .hasMessageContaining("no such live block")
                        .extracting(error -> ((TempoException) error).reason()).isEqualTo(TempoException.Reason.NOT_FOUND))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void theProductionTenantIndexListsItsLiveBlocksAndSelectsByTime() {
        TempoTenant tenant = TempoTenant.local(Corpus.root().resolve("tempo-tenant-index"), "3");
        List<BlockMeta> blocks = tenant.blocks();
        assertThat(blocks).hasSize(22_435);
        Instant start = Instant.parse("2024-09-15T00:00:00Z"), end = Instant.parse("2024-09-15T06:00:00Z");
        long expected = blocks.stream().filter(m -> m.startTime().compareTo(end) <= 0 && m.endTime().compareTo(start) >= 0).count();
        assertThat(tenant.blocks(start, end)).hasSize((int) expected).isNotEmpty()
                .allSatisfy(m -> assertThat(m.endTime()).isAfterOrEqualTo(start));
        assertThat(expected).isLessThan(blocks.size());
    }

    @Test
    void aTraceInTwoBlocksIsCombinedWithoutDuplicateSpans(@TempDir Path root) throws IOException {
        Path tenantDir = root.resolve("t");
        for (String id : List.of("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")) {
            Path dir = Files.createDirectories(tenantDir.resolve(id));
            try (Stream<Path> files = Files.list(Corpus.tempoBlock())) {
                for (Path file : files.toList()) Files.copy(file, dir.resolve(file.getFileName()));
            }
            Path meta = dir.resolve("meta.json");
            Files.writeString(meta, Files.readString(meta).replace("b27b0e53-66a0-4505-afd6-434ae3cd4a10", id));
        }
        Files.createDirectories(tenantDir.resolve("00000000-0000-0000-0000-000000000003")); // compacted away: no meta.json
        TempoTenant tenant = TempoTenant.local(root, "t");
        assertThat(tenant.blocks()).hasSize(2);
        Trace single = TempoBlock.open(Corpus.tempoBlock()).traces(TraceReadOptions.defaults()).blockFirst();

        TenantLookup lookup = tenant.findTrace(TraceId.of(single.traceId()), null, null, TracePreset.FULL,
                Long.MAX_VALUE, TempoTenant.DEFAULT_LOOKUP_CONCURRENCY).block();

        assertThat(lookup.blocksSearched()).isEqualTo(2);
        assertThat(lookup.blocksFound()).isEqualTo(2);
        Trace combined = lookup.trace().orElseThrow();
        assertThat(combined.spanCount()).isEqualTo(single.spanCount());
        assertThat(spans(combined)).containsExactlyInAnyOrderElementsOf(spans(single));
        // combined parts are sorted as Tempo sorts them: resources by their first span's start time
        List<Long> firstStarts = combined.resourceSpans().stream()
                .map(rs -> rs.getScopeSpans(0).getSpans(0).getStartTimeUnixNano()).toList();
        assertThat(firstStarts).isSorted();
        assertThat(lookup.requests()).isPositive();
    }

    @Test
    void aListingReadsOnlyTheMetasItHasNotReadAsTheyAreAndSeesBlocksComeGoAndChange(@TempDir Path root) throws IOException {
        Path tenantDir = root.resolve("t");
        List<String> ids = List.of("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002",
                "00000000-0000-0000-0000-000000000003");
        for (String id : ids.subList(0, 2)) writeMeta(tenantDir, id, null);
        Files.createDirectories(tenantDir.resolve("00000000-0000-0000-0000-000000000009")); // an empty block folder
        List<String> metaReads = new CopyOnWriteArrayList<>();
        try (ObjectStore local = ObjectStores.local(root); ObjectStore counted = new MetaReadsCounted(local, metaReads)) {
            TempoTenant tenant = TempoTenant.of(counted, "t");
            assertThat(tenant.blocks()).extracting(m -> m.blockId().toString()).containsExactlyElementsOf(ids.subList(0, 2));
            assertThat(metaReads).hasSize(2);

            metaReads.clear();
            assertThat(tenant.blocks()).hasSize(2);
            assertThat(metaReads).as("metas read again though unchanged").isEmpty();

            // a new block, one compacted away (meta.json gone, meta.compacted.json written), one whose meta changed
            writeMeta(tenantDir, ids.get(2), null);
            Path compacted = tenantDir.resolve(ids.get(0));
            Files.move(compacted.resolve("meta.json"), compacted.resolve("meta.compacted.json"));
            Instant laterEnd = Instant.parse("2030-01-01T00:00:00Z");
            writeMeta(tenantDir, ids.get(1), laterEnd);
            List<BlockMeta> now = tenant.blocks();
            assertThat(now).extracting(m -> m.blockId().toString()).containsExactlyInAnyOrder(ids.get(1), ids.get(2));
            assertThat(now).filteredOn(m -> m.blockId().toString().equals(ids.get(1)))
                    .singleElement().satisfies(m -> assertThat(m.endTime()).isEqualTo(laterEnd));
            assertThat(metaReads).containsExactlyInAnyOrder("t/" + ids.get(1) + "/meta.json", "t/" + ids.get(2) + "/meta.json");
        }
    }

    @Test
    void aPolledBlocklistServesEveryQueryUntilItIsOldThenTheNextListsAgain(@TempDir Path root) throws IOException {
        Path tenantDir = root.resolve("t");
        String first = "00000000-0000-0000-0000-000000000001", second = "00000000-0000-0000-0000-000000000002";
        writeMeta(tenantDir, first, null);
        AtomicInteger listings = new AtomicInteger();
        try (ObjectStore local = ObjectStores.local(root); ObjectStore counted = new ListingsCounted(local, listings, 0)) {
            TempoTenant listing = TempoTenant.of(counted, "t");
            TempoTenant polled = listing.withBlocklistPoll(Duration.ofHours(1));
            assertThat(polled.blocks()).extracting(m -> m.blockId().toString()).containsExactly(first);
            writeMeta(tenantDir, second, null);
            assertThat(polled.blocks()).as("within the interval").extracting(m -> m.blockId().toString()).containsExactly(first);
            Instant start = polled.blocks().getFirst().startTime();
            assertThat(polled.blocks(start, null)).hasSize(1);
            assertThat(polled.withBlocklistPoll(Duration.ofHours(1)).blocks()).as("a copy polls the same list").hasSize(1);
            assertThat(listings).as("one listing for every query within the interval").hasValue(1);
            assertThat(listing.blocks()).as("the tenant that lists on every query").hasSize(2);
            assertThat(listings).hasValue(2);

            TempoTenant briefly = listing.withBlocklistPoll(Duration.ofMillis(200));
            assertThat(briefly.blocks()).hasSize(2);
            Files.delete(tenantDir.resolve(second).resolve("meta.json"));
            assertThat(briefly.blocks()).as("within the interval").hasSize(2);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (briefly.blocks().size() != 1 && System.nanoTime() < deadline) sleep(Duration.ofMillis(50));
            assertThat(briefly.blocks()).as("listed again once the interval passed")
                    .extracting(m -> m.blockId().toString()).containsExactly(first);
        }
    }

    @Test
    void aFailedListingIsNotKeptByAPolledBlocklist(@TempDir Path root) throws IOException {
        writeMeta(root.resolve("t"), "00000000-0000-0000-0000-000000000001", null);
        AtomicInteger listings = new AtomicInteger();
        try (ObjectStore local = ObjectStores.local(root); ObjectStore failingOnce = new ListingsCounted(local, listings, 1)) {
            TempoTenant polled = TempoTenant.of(failingOnce, "t").withBlocklistPoll(Duration.ofHours(1));
            assertThatThrownBy(polled::blocks).hasMessageContaining("listing 1 refused");
            assertThat(polled.blocks()).hasSize(1);
            assertThat(polled.blocks()).hasSize(1);
            assertThat(listings).hasValue(2);
        }
        assertThatThrownBy(() -> TempoTenant.local(root, "t").withBlocklistPoll(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("blocklist poll must not be negative, got PT-1S");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A store counting its listings, the first {@code failing} of which fail; closing it leaves the store it reads
     * open.
     */
    private record ListingsCounted(ObjectStore delegate, AtomicInteger listings, int failing) implements ForwardingObjectStore {

        @Override
        public Flux<StoredObject> list(String prefix) {
            return Flux.defer(() -> {
                int listing = listings.incrementAndGet();
                return listing <= failing ? Flux.error(new IOException("listing " + listing + " refused"))
                        : delegate.list(prefix);
            });
        }

        @Override
        public void close() {
        }
    }

    /** The bundled block's meta.json as block {@code id}'s, its end time replaced when {@code end} is given. */
    private static void writeMeta(Path tenantDir, String id, Instant end) throws IOException {
        Path meta = Files.createDirectories(tenantDir.resolve(id)).resolve("meta.json");
        String json = Files.readString(Corpus.tempoBlock().resolve("meta.json")).replace("b27b0e53-66a0-4505-afd6-434ae3cd4a10", id);
        if (end != null) json = json.replaceFirst("\"endTime\":\"[^\"]*\"", "\"endTime\":\"" + end + "\"");
        Files.writeString(meta, json);
        // a rewrite within the file system's timestamp granularity would keep the version: make it differ
        Files.setLastModifiedTime(meta, FileTime.from(Instant.now().plusSeconds(end == null ? 0 : 60)));
    }

    /** A store that records the reads of {@code meta.json} files; closing it leaves the store it reads open. */
    private record MetaReadsCounted(ObjectStore delegate, List<String> metaReads) implements ForwardingObjectStore {

        @Override
        public Mono<FetchedRange> readWhole(String path) {
            if (path.endsWith("/meta.json")) metaReads.add(path);
            return delegate.readWhole(path);
        }

        @Override
        public Mono<byte[]> readBytes(String path) {
            if (path.endsWith("/meta.json")) metaReads.add(path);
            return delegate.readBytes(path);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aMetaInAnotherBlocksDirectoryIsATypedError(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("t/00000000-0000-0000-0000-000000000001"));
        Files.copy(Corpus.tempoBlock().resolve("meta.json"), dir.resolve("meta.json"));
        assertThatThrownBy(() -> TempoTenant.local(root, "t").blocks()).isInstanceOf(TempoException.class)
                .hasMessageContaining("names block b27b0e53-66a0-4505-afd6-434ae3cd4a10 but lies in the directory of block 00000000");
    }

    @Test
    void absentTraceSearchesEveryBlockAndFindsNothing() {
        TenantLookup lookup = TempoTenant.local(ROOT, "single-tenant").findTrace(TraceId.parseHex("deadbeef"), null, null,
                TracePreset.FULL, Long.MAX_VALUE, 4).block();
        assertThat(lookup.trace()).isEmpty();
        assertThat(lookup.blocksSearched()).isEqualTo(1);
        assertThat(lookup.bytesRead()).isZero();
    }

    private static List<Span> spans(Trace trace) {
        return trace.resourceSpans().stream().map(ResourceSpans::getScopeSpansList).flatMap(List::stream)
                .map(ScopeSpans::getSpansList).flatMap(List::stream).toList();
    }
}
