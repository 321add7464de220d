package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.storage.http.testkit.ObjectServer;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.testdata.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bundled block below a prefix of a real object store on loopback (S3Proxy, Azurite; one subclass each): the same
 * traces as on disk, and lookups with as few requests.
 */
@ExtendWith(OffHeapReleased.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ObjectStoreTempoTest {

    private ObjectServer server;
    private List<Trace> local;

    /** The server the block is uploaded to. */
    abstract ObjectServer start() throws Exception;

    @BeforeAll
    void upload() throws Exception {
        server = start();
        server.createContainer("traces");
        Path block = Corpus.tempoBlock();
        try (Stream<Path> files = Files.list(block)) {
            for (Path file : files.toList()) {
                server.put("traces", "tempo/single-tenant/" + block.getFileName() + "/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        local = TempoBlock.open(block).traces(TraceReadOptions.defaults()).collectList().block();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void listsAndScansTheBlockAsOnDisk() {
        TempoTenant tenant = TempoTenant.of(server.store("traces", "tempo"), "single-tenant");
        List<BlockMeta> blocks = tenant.blocks();
        assertThat(blocks).hasSize(1);
        TempoBlock block = tenant.block(blocks.getFirst());
        assertThat(block.location()).isEqualTo(server.scheme() + "://traces/tempo/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10");
        List<Trace> remote = block.traces(TraceReadOptions.defaults()).collectList().block();
        assertThat(remote).hasSameSizeAs(local);
        for (int i = 0; i < local.size(); i++) assertThat(remote.get(i).toTracesData()).isEqualTo(local.get(i).toTracesData());
    }

    @Test
    void findsTracesWithFewRequests() {
        TempoTenant tenant = TempoTenant.of(server.store("traces", "tempo"), "single-tenant");
        for (Trace expected : List.of(local.getFirst(), local.get(77), local.getLast())) {
            TenantLookup lookup = tenant.findTrace(TraceId.of(expected.traceId()), null, null, TracePreset.FULL,
                    Long.MAX_VALUE, 4).block();
            assertThat(lookup.trace()).hasValueSatisfying(t -> assertThat(t.toTracesData()).isEqualTo(expected.toTracesData()));
            // the 77 KB data.parquet is below the small-object size: a HEAD and one GET of the whole object
            assertThat(lookup.requests()).isEqualTo(2);
            assertThat(lookup.bytesRead()).isEqualTo(77_187);
        }
        TenantLookup absent = tenant.findTrace(TraceId.parseHex("deadbeef"), null, null, TracePreset.FULL, Long.MAX_VALUE, 4).block();
        assertThat(absent.trace()).isEmpty();
        assertThat(absent.requests()).isZero();
        // the shard was read by the first lookup and comes from the tenant's cache since
        assertThat(absent.bloomBytes()).isZero();
        TenantLookup fresh = TempoTenant.of(server.store("traces", "tempo"), "single-tenant")
                .findTrace(TraceId.parseHex("deadbeef"), null, null, TracePreset.FULL, Long.MAX_VALUE, 4).block();
        assertThat(fresh.bloomBytes()).isEqualTo(102_424);
    }
}
