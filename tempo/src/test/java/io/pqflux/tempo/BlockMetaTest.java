package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.tempo.DedicatedColumn.Option;
import io.pqflux.tempo.DedicatedColumn.Scope;
import io.pqflux.tempo.DedicatedColumn.Type;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class BlockMetaTest {

    private static final String BLOCK = "single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10";
    private static final UUID BLOCK_ID = UUID.fromString("b27b0e53-66a0-4505-afd6-434ae3cd4a10");
    private static final List<DedicatedColumn> BUNDLED_DEDICATED = List.of(
            new DedicatedColumn(Scope.RESOURCE, Type.STRING, "ip", Set.of()),
            new DedicatedColumn(Scope.SPAN, Type.STRING, "instance", Set.of()),
            new DedicatedColumn(Scope.SPAN, Type.STRING, "version", Set.of()),
            new DedicatedColumn(Scope.SPAN, Type.STRING, "region", Set.of()),
            new DedicatedColumn(Scope.SPAN, Type.STRING, "sampler.type", Set.of()));

    @Test
    void bundledVParquet4Meta() throws IOException {
        BlockMeta meta = bundled("tempo");
        assertThat(meta).isEqualTo(bundledMeta("vParquet4", 134, 77_187, 17_711));
        assertThat(meta.tempoFormat()).isEqualTo(TempoFormat.VPARQUET4);
        assertThat(meta.dedicatedSlots(Scope.RESOURCE)).containsExactly("ip");
        assertThat(meta.dedicatedSlots(Scope.SPAN)).containsExactly("instance", "version", "region", "sampler.type");
        assertThat(meta.dedicatedSlots(Scope.EVENT)).isEmpty();
        // the meta's size is the file's, so the footer can be found without a HEAD request
        assertThat(Files.size(Corpus.root().resolve("tempo").resolve(BLOCK).resolve("data.parquet")))
                .isEqualTo(meta.size());
    }

    @Test
    void bundledVParquet3Meta() throws IOException {
        BlockMeta meta = bundled("tempo-vparquet3");
        assertThat(meta).isEqualTo(bundledMeta("vParquet3", 134, 65_263, 12_442));
        assertThat(meta.tempoFormat()).isEqualTo(TempoFormat.VPARQUET3);
        // vParquet3 assigns slots by vParquet4's rules
        assertThat(meta.dedicatedSlots(Scope.RESOURCE)).containsExactly("ip");
        assertThat(meta.dedicatedSlots(Scope.SPAN)).containsExactly("instance", "version", "region", "sampler.type");
    }

    @Test
    void bundledVParquet5PreviewMeta() throws IOException {
        BlockMeta meta = bundled("tempo-vparquet5");
        assertThat(meta).isEqualTo(bundledMeta("vParquet5-preview5", 133, 94_257, 18_465));
        assertThat(meta.tempoFormat()).isEqualTo(TempoFormat.VPARQUET5);
        assertThatThrownBy(() -> meta.dedicatedSlots(Scope.SPAN))
                .isInstanceOfSatisfying(TempoException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TempoException.Reason.UNSUPPORTED_FORMAT);
                    assertThat(e.source()).isEqualTo(BLOCK);
                    assertThat(e.getMessage()).contains("vParquet5-preview5");
                });
    }

    @Test
    void compactedMetaAndEveryOptionalField() {
        BlockMeta meta = parse("""
                {"format":"vParquet4","blockID":"00000000-0000-0000-0000-0000000000ab","tenantID":"t",
                 "startTime":"2024-09-01T02:54:36.5+02:00","endTime":"2024-09-01T03:57:33Z","totalObjects":870825,
                 "size":10717822052,"compactionLevel":2,"totalRecords":110,"bloomShards":11,"footerSize":1943760,
                 "replicationFactor":1,"compactedTime":"2024-10-01T02:57:59Z","someFutureKey":{"x":[1]}}""");
        assertThat(meta.startTime()).isEqualTo(Instant.parse("2024-09-01T00:54:36.5Z"));
        assertThat(meta.totalObjects()).isEqualTo(870_825);
        assertThat(meta.size()).isEqualTo(10_717_822_052L);
        assertThat(meta.compactionLevel()).isEqualTo(2);
        assertThat(meta.totalRecords()).isEqualTo(110);
        assertThat(meta.bloomShards()).isEqualTo(11);
        assertThat(meta.footerSize()).isEqualTo(1_943_760);
        assertThat(meta.replicationFactor()).isEqualTo(1);
        assertThat(meta.dedicatedColumns()).isEmpty();
        assertThat(meta.compactedTime()).contains(Instant.parse("2024-10-01T02:57:59Z"));
    }

    @Test
    void legacyZeroBloomShardsMeansTen() {
        assertThat(parse(meta("\"bloomShards\":0")).bloomShards()).isEqualTo(10);
        assertThat(parse(meta("\"size\":1")).bloomShards()).as("omitted").isEqualTo(10);
    }

    @Test
    void longAndCompactDedicatedColumnEncodings() {
        BlockMeta meta = parse(meta("""
                "dedicatedColumns":[{"scope":"resource","name":"r1","type":"string"},{"name":"s1"},
                 {"s":"event","n":"e1","t":"int"},{"scope":"span","name":"s2","type":"int","options":["array","blob"]},
                 {"s":"span","n":"s3","o":["array"]},{"n":"s4","s":"","t":""}]"""));
        assertThat(meta.dedicatedColumns()).containsExactly(
                new DedicatedColumn(Scope.RESOURCE, Type.STRING, "r1", Set.of()),
                new DedicatedColumn(Scope.SPAN, Type.STRING, "s1", Set.of()),
                new DedicatedColumn(Scope.EVENT, Type.INT, "e1", Set.of()),
                new DedicatedColumn(Scope.SPAN, Type.INT, "s2", Set.of(Option.ARRAY, Option.BLOB)),
                new DedicatedColumn(Scope.SPAN, Type.STRING, "s3", Set.of(Option.ARRAY)),
                new DedicatedColumn(Scope.SPAN, Type.STRING, "s4", Set.of()));
        // int, event and optioned entries take no vParquet4 slot
        assertThat(meta.dedicatedSlots(Scope.SPAN)).containsExactly("s1", "s4");
        assertThat(meta.dedicatedSlots(Scope.RESOURCE)).containsExactly("r1");
    }

    @Test
    void atMostTenSlotsPerScope() {
        StringBuilder columns = new StringBuilder();
        for (int i = 1; i <= 12; i++) columns.append(i == 1 ? "" : ",").append("{\"n\":\"a").append(i).append("\"}");
        BlockMeta meta = parse(meta("\"dedicatedColumns\":[" + columns + "]"));
        assertThat(meta.dedicatedSlots(Scope.SPAN))
                .containsExactly("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10");
    }

    @Test
    void duplicateNameInOneScopeIsAConfigurationError() {
        BlockMeta meta = parse(meta("\"dedicatedColumns\":[{\"n\":\"x\"},{\"s\":\"resource\",\"n\":\"x\"},{\"n\":\"x\"}]"));
        assertThat(meta.dedicatedSlots(Scope.RESOURCE)).containsExactly("x");
        assertTempoError(() -> meta.dedicatedSlots(Scope.SPAN), TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN,
                "t/00000000-0000-0000-0000-000000000001", "\"x\"", "String01", "String02");
    }

    @Test
    void unknownFormatNamesTheBlock() {
        BlockMeta meta = parse(meta("\"size\":1").replace("vParquet4", "vParquet2"));
        assertTempoError(meta::tempoFormat, TempoException.Reason.UNSUPPORTED_FORMAT,
                "t/00000000-0000-0000-0000-000000000001", "\"vParquet2\"");
        assertTempoError(() -> TempoFormat.of("vparquet4", "blk"), TempoException.Reason.UNSUPPORTED_FORMAT, "blk",
                "\"vparquet4\"");
        assertThat(TempoFormat.of("vParquet5", "blk")).isEqualTo(TempoFormat.VPARQUET5);
        assertThat(TempoFormat.of("vParquet5-preview1", "blk")).isEqualTo(TempoFormat.VPARQUET5);
    }

    @Test
    void unknownScopeTypeOrOptionNamesSourceAndEntry() {
        assertTempoError(() -> parse(meta("\"dedicatedColumns\":[{\"n\":\"a\"},{\"s\":\"link\",\"n\":\"b\"}]")),
                TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN, "meta.json", "dedicatedColumns[1]", "\"b\"",
                "scope \"link\"");
        assertTempoError(() -> parse(meta("\"dedicatedColumns\":[{\"name\":\"a\",\"type\":\"double\"}]")),
                TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN, "meta.json", "dedicatedColumns[0]", "\"a\"",
                "type \"double\"");
        assertTempoError(() -> parse(meta("\"dedicatedColumns\":[{\"n\":\"a\",\"o\":[\"array\",\"zip\"]}]")),
                TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN, "meta.json", "dedicatedColumns[0]", "\"a\"",
                "option \"zip\"");
    }

    @Test
    void malformedMetasAreBadMeta() {
        TempoException.Reason bad = TempoException.Reason.BAD_META;
        assertTempoError(() -> parse("{\"format\":"), bad, "meta.json", "not a block meta");
        assertTempoError(() -> parse("null"), bad, "meta.json", "not a block meta");
        assertTempoError(() -> parse(meta("\"size\":1") + "{}"), bad, "meta.json", "not a block meta");
        assertTempoError(() -> parse(meta("\"size\":1").replace("\"format\":\"vParquet4\",", "")), bad, "meta.json",
                "format is missing");
        assertTempoError(() -> parse(meta("\"size\":1").replace("\"blockID\"", "\"blockId\"")), bad, "meta.json",
                "blockID is missing");
        assertTempoError(() -> parse(meta("\"size\":1").replace("\"tenantID\":\"t\",", "")), bad, "meta.json",
                "tenantID is missing");
        assertTempoError(() -> parse(meta("\"size\":1").replace("0000-000000000001", "0-1")), bad, "meta.json",
                "is not a UUID");
        assertTempoError(() -> parse(meta("\"size\":1").replace("2024-09-01T00:00:00Z", "yesterday")), bad,
                "meta.json", "startTime \"yesterday\"");
        assertTempoError(() -> parse(meta("\"totalObjects\":-1")), bad, "meta.json", "totalObjects -1 is negative");
        assertTempoError(() -> parse(meta("\"footerSize\":4294967296")), bad, "meta.json", "not a uint32");
        assertTempoError(() -> parse(meta("\"size\":\"77187\"")), bad, "meta.json", "not a block meta");
        assertTempoError(() -> parse(meta("\"bloomShards\":1.5")), bad, "meta.json", "not a block meta");
        assertTempoError(() -> parse(meta("\"dedicatedColumns\":[{\"s\":\"span\"}]")), bad, "meta.json",
                "dedicatedColumns[0] has no name");
        assertTempoError(() -> parse(meta("\"dedicatedColumns\":[{\"n\":\"a\",\"name\":\"a\"}]")), bad, "meta.json",
                "gives both \"n\" and \"name\"");
    }

    @Test
    void legacyKeysAreIgnored() {
        BlockMeta meta = parse(meta("\"minID\":\"AAAA\",\"maxID\":7,\"encoding\":{\"x\":1},\"indexPageSize\":\"big\","
                + "\"dataEncoding\":[]"));
        assertThat(meta.size()).isZero();
    }

    /** A minimal valid meta of block 00000000-0000-0000-0000-000000000001 with extra keys spliced in. */
    private static String meta(String extraKeys) {
        return "{\"format\":\"vParquet4\",\"blockID\":\"00000000-0000-0000-0000-000000000001\",\"tenantID\":\"t\","
                + "\"startTime\":\"2024-09-01T00:00:00Z\",\"endTime\":\"2024-09-01T01:00:00Z\"," + extraKeys + "}";
    }

    private static BlockMeta parse(String json) {
        return BlockMeta.parse(json.getBytes(StandardCharsets.UTF_8), "meta.json");
    }

    /** The bundled blocks share block ID, tenant, time range, one row group, one bloom shard and dedicated columns. */
    private static BlockMeta bundledMeta(String format, long totalObjects, long size, int footerSize) {
        return new BlockMeta(format, BLOCK_ID, "single-tenant", Instant.parse("2022-07-04T11:11:09Z"),
                Instant.parse("2022-07-04T11:11:35Z"), totalObjects, size, 0, 1, 1, footerSize, BUNDLED_DEDICATED, 0,
                Optional.empty());
    }

    private static BlockMeta bundled(String root) throws IOException {
        Path file = Corpus.root().resolve(root).resolve(BLOCK).resolve("meta.json");
        return BlockMeta.parse(Files.readAllBytes(file), file.toString());
    }

    static void assertTempoError(ThrowingCallable call, TempoException.Reason reason, String source,
                                 String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TempoException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.source()).isEqualTo(source);
            assertThat(e.getMessage()).startsWith(source + ": ").contains(messageParts);
        });
    }
}
