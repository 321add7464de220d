package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import io.pqflux.reactive.testkit.OffHeapReleased;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** The bundled vParquet4 block through the public block API: scans, filters and FindTraceByID. */
@ExtendWith(OffHeapReleased.class)
class TempoBlockTest {

    private static TempoBlock block;
    private static List<Trace> all;

    @BeforeAll
    static void open() {
        block = TempoBlock.open(Corpus.tempoBlock());
        all = block.traces(TraceReadOptions.defaults()).collectList().block();
    }

    @Test
    void readsEveryTraceInTraceIdOrder() {
        assertThat(block.meta().tempoFormat()).isEqualTo(TempoFormat.VPARQUET4);
        assertThat(all).hasSize(134);
        assertThat(all.stream().mapToInt(Trace::spanCount).sum()).isEqualTo(570);
        for (int i = 1; i < all.size(); i++) {
            assertThat(TraceId.of(all.get(i - 1).traceId())).isLessThan(TraceId.of(all.get(i).traceId()));
        }
    }

    @Test
    void backpressureOneTraceAtATime() {
        StepVerifier.create(block.traces(TraceReadOptions.defaults().withPreset(TracePreset.SUMMARY)), 1)
                .expectNextCount(1)
                .thenRequest(2)
                .expectNextCount(2)
                .thenCancel()
                .verify();
    }

    @Test
    void findsEveryTraceOfTheBlockReadingOnlyThePagesOfItsRow() throws IOException {
        for (Trace expected : all) {
            TraceLookup lookup = block.findTrace(TraceId.of(expected.traceId()), TracePreset.FULL,
                    TraceReadOptions.DEFAULT_MAX_TRACE_BYTES).block();
            assertThat(lookup.bloomPositive()).isTrue();
            assertThat(lookup.trace()).hasValueSatisfying(t -> {
                assertThat(t.traceIdHex()).isEqualTo(expected.traceIdHex());
                assertThat(t.toTracesData()).isEqualTo(expected.toTracesData());
            });
            assertThat(lookup.requests()).isPositive();
            assertThat(lookup.bytesRead()).isPositive().isLessThanOrEqualTo(Files.size(Corpus.tempoBlock().resolve("data.parquet")));
        }
    }

    @Test
    void absentIdsAreRefusedByTheBloomWithoutReadingData() {
        Random random = new Random(11);
        int bloomNegative = 0;
        for (int i = 0; i < 200; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            TraceLookup lookup = block.findTrace(TraceId.of(id), TracePreset.FULL, Long.MAX_VALUE).block();
            assertThat(lookup.trace()).isEmpty();
            if (!lookup.bloomPositive()) {
                bloomNegative++;
                assertThat(lookup.bytesRead()).isZero();
                assertThat(lookup.requests()).isZero();
            }
        }
        assertThat(bloomNegative).isEqualTo(200);
    }

    @Test
    void bloomShardsAreReadOnceAndThenCached() {
        TempoBlock fresh = TempoBlock.open(Corpus.tempoBlock());
        TraceLookup first = fresh.findTrace(TraceId.parseHex("deadbeef"), TracePreset.FULL, Long.MAX_VALUE).block();
        TraceLookup second = fresh.findTrace(TraceId.parseHex("deadbeef01"), TracePreset.FULL, Long.MAX_VALUE).block();
        assertThat(first.bloomBytes()).isEqualTo(102_424);
        assertThat(second.bloomBytes()).isZero();
        assertThat(second.bloomPositive()).isFalse();
    }

    @Test
    void aMissingBloomShardIsATypedError(@TempDir Path copy) throws IOException {
        for (String file : List.of("meta.json", "data.parquet")) {
            Files.copy(Corpus.tempoBlock().resolve(file), copy.resolve(file));
        }
        TempoBlock withoutBloom = TempoBlock.open(copy);
        assertThatThrownBy(() -> withoutBloom.findTrace(TraceId.of(all.getFirst().traceId()), TracePreset.FULL, Long.MAX_VALUE).block())
                .isInstanceOf(TempoException.class)
                .hasMessageContaining("bloom-0 is missing")
                .satisfies(e -> assertThat(((TempoException) e).reason()).isEqualTo(TempoException.Reason.BAD_BLOOM));
    }

    /** The meta's footer size is a hint: one no footer of a block has (2^31-1, 0, past 64 MiB) is not believed. */
    @Test
    void aFooterSizeNoFooterCanHaveIsNotBelieved(@TempDir Path copy) throws IOException {
        Files.copy(Corpus.tempoBlock().resolve("data.parquet"), copy.resolve("data.parquet"));
        Files.copy(Corpus.tempoBlock().resolve("bloom-0"), copy.resolve("bloom-0"));
        String meta = Files.readString(Corpus.tempoBlock().resolve("meta.json"));
        for (String size : List.of("2147483647", "0", "67108865")) {
            Files.writeString(copy.resolve("meta.json"), meta.replaceFirst("\"footerSize\":\\d+", "\"footerSize\":" + size));
            TempoBlock lying = TempoBlock.open(copy);
            assertThat(lying.meta().footerSize()).isEqualTo(Integer.parseInt(size));
            List<Trace> traces = lying.traces(TraceReadOptions.defaults()).collectList().block();
            assertThat(traces).hasSameSizeAs(all);
            Trace first = all.getFirst();
            assertThat(lying.findTrace(TraceId.of(first.traceId()), TracePreset.FULL, Long.MAX_VALUE).block().trace())
                    .hasValueSatisfying(found -> assertThat(found.toTracesData()).isEqualTo(first.toTracesData()));
        }
    }

    @Test
    void aTrueMetaIsBorneOutByItsFile() {
        CheckedBlock checked = block.check().block();
        assertThat(checked.traces()).isEqualTo(134).isEqualTo(block.meta().totalObjects());
        assertThat(checked.bytes()).isEqualTo(77_187).isEqualTo(block.meta().size());
        assertThat(checked.rowGroups()).isEqualTo(1);
        assertThat(checked.contradictions()).isEmpty();
    }

    /**
     * A hostile meta's counts (totalObjects 10^15, size 2^62) are shown as what they are, claims the file contradicts,
     * and the checked figures are the file's; the tenant's listing checks every block the same way.
     */
    @Test
    void aMetaThatLiesAboutItsCountsIsContradictedByItsFile(@TempDir Path root) throws IOException {
        Path copy = Files.createDirectories(root.resolve("single-tenant").resolve("b27b0e53-66a0-4505-afd6-434ae3cd4a10"));
        Files.copy(Corpus.tempoBlock().resolve("data.parquet"), copy.resolve("data.parquet"));
        String meta = Files.readString(Corpus.tempoBlock().resolve("meta.json"));
        Files.writeString(copy.resolve("meta.json"), meta.replaceFirst("\"totalObjects\":\\d+", "\"totalObjects\":1000000000000000")
                .replaceFirst("\"size\":\\d+", "\"size\":4611686018427387904"));
        TempoBlock lying = TempoBlock.open(copy);
        assertThat(lying.meta().totalObjects()).isEqualTo(1_000_000_000_000_000L);
        assertThat(lying.meta().size()).isEqualTo(1L << 62);
        CheckedBlock checked = lying.check().block();
        assertThat(checked.traces()).isEqualTo(134);
        assertThat(checked.bytes()).isEqualTo(77_187);
        assertThat(checked.totalObjectsContradicted()).isTrue();
        assertThat(checked.sizeContradicted()).isTrue();
        assertThat(checked.contradictions()).containsExactly("totalObjects 1000000000000000 (data.parquet: 134 rows)",
                "size 4611686018427387904 (data.parquet: 77187 bytes)");
        List<CheckedBlock> listed = TempoTenant.local(root, "single-tenant").checkedBlocks(null, null).block();
        assertThat(listed).containsExactly(checked);
    }

    /** A meta without {@code size} (0) claims nothing about the file's length. */
    @Test
    void aMetaWithoutASizeIsNotContradictedByTheLength(@TempDir Path copy) throws IOException {
        Files.copy(Corpus.tempoBlock().resolve("data.parquet"), copy.resolve("data.parquet"));
        String meta = Files.readString(Corpus.tempoBlock().resolve("meta.json"));
        Files.writeString(copy.resolve("meta.json"), meta.replaceFirst("\"size\":\\d+,", ""));
        CheckedBlock checked = TempoBlock.open(copy).check().block();
        assertThat(checked.meta().size()).isZero();
        assertThat(checked.sizeContradicted()).isFalse();
        assertThat(checked.bytes()).isEqualTo(77_187);
    }

    @Test
    void timeRangeKeepsTheOverlappingTraces() {
        Trace middle = all.get(67);
        Instant from = Instant.ofEpochSecond(0, middle.startTimeUnixNano());
        Instant to = Instant.ofEpochSecond(0, middle.startTimeUnixNano() + 50_000_000);
        List<Trace> expected = all.stream()
                .filter(t -> t.startTimeUnixNano() <= nanos(to) && t.endTimeUnixNano() >= nanos(from)).toList();
        List<Trace> found = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.SUMMARY).withTimeRange(from, to))
                .collectList().block();
        assertThat(found).extracting(Trace::traceIdHex).containsExactlyElementsOf(expected.stream().map(Trace::traceIdHex).toList());
        assertThat(found).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(block.traces(TraceReadOptions.defaults().withTimeRange(Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-02T00:00:00Z"))).collectList().block()).isEmpty();
    }

    @Test
    void traceIdRangeKeepsTheIdsBetweenItsBounds() {
        TraceId first = TraceId.of(all.get(10).traceId());
        TraceId last = TraceId.of(all.get(20).traceId());
        List<Trace> found = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.SUMMARY).withTraceIdRange(first, last))
                .collectList().block();
        assertThat(found).extracting(Trace::traceIdHex)
                .containsExactlyElementsOf(all.subList(10, 21).stream().map(Trace::traceIdHex).toList());
    }

    @Test
    void spansAreTheTracesFlattenedWithTheirResourceAndScope() {
        List<SpanWithContext> spans = block.spans(TraceReadOptions.defaults()).collectList().block();
        List<SpanWithContext> expected = new java.util.ArrayList<>();
        for (Trace trace : all) {
            for (var rs : trace.resourceSpans()) {
                for (var ss : rs.getScopeSpansList()) {
                    for (var span : ss.getSpansList()) {
                        expected.add(new SpanWithContext(TraceId.of(trace.traceId()), rs.getResource(), ss.getScope(), span));
                    }
                }
            }
        }
        assertThat(spans).hasSize(570).isEqualTo(expected);
    }

    @Test
    void aSpanStreamCancelledEarlyReleasesItsBatches() {
        StepVerifier.create(block.spans(TraceReadOptions.defaults().withPreset(TracePreset.SPANS)
                        .withScanOptions(io.pqflux.reactive.ScanOptions.defaults().withBatchRows(16))), 1)
                .expectNextCount(1)
                .thenRequest(40)
                .expectNextCount(40)
                .thenCancel()
                .verify();
        assertThat(block.spans(TraceReadOptions.defaults()).take(3).collectList().block()).hasSize(3);
        assertThatThrownBy(() -> block.spans(TraceReadOptions.defaults().withPreset(TracePreset.SUMMARY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void traceIdPrefixKeepsTheIdsStartingWithIt() {
        String prefix = all.get(40).traceIdHex().substring(0, 18);
        List<String> expected = all.stream().map(Trace::traceIdHex).filter(h -> h.startsWith(prefix)).toList();
        List<String> found = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.SUMMARY).withTraceIdPrefix(prefix))
                .map(Trace::traceIdHex).collectList().block();
        assertThat(found).isNotEmpty().isEqualTo(expected).hasSizeLessThan(all.size());
        assertThatThrownBy(() -> TraceReadOptions.defaults().withTraceIdPrefix("xyz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherFormatsAndMissingMetasFailTyped(@TempDir Path empty) {
        assertThatThrownBy(() -> TempoBlock.open(empty)).isInstanceOf(TempoException.class).hasMessageContaining("no meta.json");
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
