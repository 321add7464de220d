package io.pqflux.tempo;

import static io.pqflux.tempo.BlockMetaTest.assertTempoError;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TenantIndexTest {

    private static final Path INDEX = Corpus.root().resolve("tempo-tenant-index/3/index.json.gz");

    @Test
    void bundledProductionIndex() throws IOException {
        TenantIndex index;
        try (InputStream in = Files.newInputStream(INDEX)) {
            index = TenantIndex.parseGzip(in, INDEX.toString());
        }
        assertThat(index.createdAt()).isEqualTo(Instant.parse("2024-10-01T03:23:41.935630083Z"));
        assertThat(index.metas()).hasSize(22_435);
        assertThat(index.compacted()).hasSize(3_264);
        assertThat(Stream.concat(index.metas().stream(), index.compacted().stream())).allSatisfy(meta -> {
            assertThat(meta.tempoFormat()).isEqualTo(TempoFormat.VPARQUET4);
            assertThat(meta.tenantId()).isEqualTo("3");
            assertThat(meta.dedicatedColumns()).hasSize(20);
            assertThat(meta.dedicatedSlots(DedicatedColumn.Scope.SPAN)).hasSize(10);
            assertThat(meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE)).hasSize(10);
        });
        assertThat(index.metas()).allSatisfy(meta -> assertThat(meta.compactedTime()).isEmpty());
        assertThat(index.compacted()).allSatisfy(meta -> assertThat(meta.compactedTime()).isPresent());
        assertThat(index.metas().stream().filter(meta -> meta.replicationFactor() == 1)).hasSize(6_824);

        // docs/tempo-format.md §16's first meta
        BlockMeta first = index.metas().getFirst();
        assertThat(first.blockId()).isEqualTo(UUID.fromString("a3949580-4ee9-4ed9-b661-dca5d863922a"));
        assertThat(first.totalObjects()).isEqualTo(870_825);
        assertThat(first.size()).isEqualTo(10_717_822_052L);
        assertThat(first.compactionLevel()).isEqualTo(2);
        assertThat(first.totalRecords()).isEqualTo(110);
        assertThat(first.bloomShards()).isEqualTo(11);
        assertThat(first.footerSize()).isEqualTo(1_943_760);
        assertThat(first.dedicatedSlots(DedicatedColumn.Scope.SPAN)).containsExactly("db.statement", "component",
                "http.user_agent", "otel.library.name", "db.connection_string", "organization", "peer.address",
                "net.peer.name", "blockID", "db.name");
        assertThat(first.dedicatedSlots(DedicatedColumn.Scope.RESOURCE)).containsExactly("host.name",
                "opencensus.exporterversion", "client-uuid", "ip", "database", "os.description",
                "process.runtime.description", "container.id", "slug", "module.path");

        BlockMeta compacted = index.compacted().getFirst();
        assertThat(compacted.blockId()).isEqualTo(UUID.fromString("d3ae08c4-7409-49c4-ba20-662377274eb6"));
        assertThat(compacted.compactedTime()).contains(Instant.parse("2024-10-01T02:57:59Z"));
        assertThat(compacted.compactionLevel()).isEqualTo(3);

        // identical configurations share one list rather than 25,699 copies
        assertThat(index.compacted().getLast().dedicatedColumns()).isSameAs(first.dedicatedColumns());
    }

    @Test
    void missingListsAreEmpty() {
        TenantIndex index = parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"future\":[1,{\"a\":2}]}");
        assertThat(index.metas()).isEmpty();
        assertThat(index.compacted()).isEmpty();
    }

    @Test
    void badIndexesNameTheIndexAndTheEntry() {
        TempoException.Reason bad = TempoException.Reason.BAD_META;
        assertTempoError(() -> TenantIndex.parseGzip(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                "idx"), bad, "idx", "not a tenant index (gzip-compressed JSON)");
        byte[] gzip = gzip("{\"created_at\":\"2024-10-01T03:23:41Z\",\"meta\":[]}");
        assertTempoError(() -> TenantIndex.parseGzip(new ByteArrayInputStream(Arrays.copyOf(gzip, gzip.length - 12)),
                "idx"), bad, "idx", "not a tenant index (gzip-compressed JSON)");
        assertTempoError(() -> parse("{\"meta\":[]}"), bad, "idx", "created_at is missing");
        assertTempoError(() -> parse("[]"), bad, "idx", "a tenant index is a JSON object");
        assertTempoError(() -> parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"meta\":[{\"format\":"), bad,
                "idx meta[0]", "not a block meta");
        assertTempoError(() -> parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"meta\":[]"), bad, "idx",
                "not a tenant index (gzip-compressed JSON)");
        String entry = "{\"format\":\"vParquet4\",\"blockID\":\"00000000-0000-0000-0000-000000000001\","
                + "\"tenantID\":\"t\",\"startTime\":\"2024-09-01T00:00:00Z\",\"endTime\":\"2024-09-01T01:00:00Z\"}";
        assertTempoError(() -> parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"meta\":[" + entry + ","
                + entry.replace("\"tenantID\":\"t\",", "") + "]}"), bad, "idx meta[1]", "tenantID is missing");
        assertTempoError(() -> parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"compacted\":[" + entry + "]}"), bad,
                "idx compacted[0]", "compactedTime is missing");
        assertTempoError(() -> parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"meta\":["
                        + entry.replace("}", ",\"size\":\"1\"}") + "]}"), bad, "idx meta[0]", "not a block meta");
        assertTempoError(() -> parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"meta\":["
                        + entry.replace("}", ",\"dedicatedColumns\":[{\"n\":\"a\",\"s\":\"x\"}]}") + "]}"),
                TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN, "idx meta[0]", "dedicatedColumns[0]");
    }

    @Test
    void liveEntriesIgnoreAStrayCompactedTime() {
        String entry = "{\"format\":\"vParquet4\",\"blockID\":\"00000000-0000-0000-0000-000000000001\","
                + "\"tenantID\":\"t\",\"startTime\":\"2024-09-01T00:00:00Z\",\"endTime\":\"2024-09-01T01:00:00Z\","
                + "\"compactedTime\":\"2024-10-01T02:57:59Z\"}";
        TenantIndex index = parse("{\"created_at\":\"2024-10-01T03:23:41Z\",\"meta\":[" + entry + "],\"compacted\":["
                + entry + "]}");
        assertThat(index.metas()).singleElement().satisfies(m -> assertThat(m.compactedTime()).isEmpty());
        assertThat(index.compacted()).singleElement()
                .satisfies(m -> assertThat(m.compactedTime()).contains(Instant.parse("2024-10-01T02:57:59Z")));
        assertThat(index.metas().getFirst().bloomShards()).isEqualTo(10);
    }

    private static TenantIndex parse(String json) {
        return TenantIndex.parseGzip(new ByteArrayInputStream(gzip(json)), "idx");
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
