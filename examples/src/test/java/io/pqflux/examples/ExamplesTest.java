package io.pqflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example's {@code main} on the bundled test data, its output compared with what parquet-java reads from the same
 * files or with facts of the corpus established elsewhere. Every test also checks that the example released all the
 * off-heap memory it took (every batch closed).
 */
@ExtendWith(OffHeapReleased.class)
class ExamplesTest {

    private static final Path ALLTYPES = Corpus.file("data/alltypes_plain.parquet");
    /** 7,300 rows, {@code id} 0 … 7299, several row groups. */
    private static final Path TINY_PAGES = Corpus.file("data/alltypes_tiny_pages_plain.parquet");
    private static final Path TEMPO_ROOT = Corpus.tempoBlock().getParent().getParent();
    private static final String BLOCK_ID = "b27b0e53-66a0-4505-afd6-434ae3cd4a10";
    private static final Path OTAP = Corpus.root().resolve("otap");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readFileRowsPrintsEveryRowWithItsValues() throws Exception {
        List<Group> expected = ParquetJava.rows(ALLTYPES);
        List<String> out = Stdout.of(ReadFileRows::main, ALLTYPES.toString());

        assertThat(out).hasSize(expected.size() + 1).last().isEqualTo(expected.size() + " rows");
        for (int i = 0; i < expected.size(); i++) {
            Group row = expected.get(i);
            assertThat(out.get(i))
                    .startsWith("id=" + row.getInteger("id", 0) + ", bool_col=" + row.getBoolean("bool_col", 0) + ", ")
                    .contains(", double_col=" + row.getDouble("double_col", 0) + ", ")
                    // string_col has no STRING annotation: its bytes in hex
                    .contains(", string_col=0x" + HexFormat.of().formatHex(row.getBinary("string_col", 0).getBytes()) + ", ");
        }
    }

    @Test
    void readFileRowsStopsAtTheLimit() throws Exception {
        assertThat(Stdout.of(ReadFileRows::main, ALLTYPES.toString(), "3")).hasSize(4).last().isEqualTo("3 rows");
    }

    @Test
    void readColumnBatchesSumsIntegersAndDoubles() throws Exception {
        List<Group> tiny = ParquetJava.rows(TINY_PAGES);
        long ids = tiny.stream().mapToLong(g -> g.getInteger("id", 0)).sum();
        assertThat(Stdout.of(ReadColumnBatches::main, TINY_PAGES.toString(), "id"))
                .containsExactly("sum of id: " + ids + " (" + tiny.size() + " values, 0 nulls)");

        List<Group> rows = ParquetJava.rows(ALLTYPES);
        double doubles = 0;
        for (Group g : rows) doubles += g.getDouble("double_col", 0);
        assertThat(Stdout.of(ReadColumnBatches::main, ALLTYPES.toString(), "double_col"))
                .containsExactly("sum of double_col: " + doubles + " (" + rows.size() + " values, 0 nulls)");
    }

    @Test
    void scanWithBudgetCountsEveryRowInBatchesOfAtMostAThousand() throws Exception {
        List<Long> rowGroups = ParquetJava.rowGroupSizes(TINY_PAGES);
        long rows = rowGroups.stream().mapToLong(Long::longValue).sum();
        long batches = rowGroups.stream().mapToLong(n -> (n + 999) / 1000).sum();
        // a 1 MiB budget: far less than the file decoded, so the scan has to wait for closed batches
        assertThat(Stdout.of(ScanWithBudget::main, TINY_PAGES.toString(), "1"))
                .containsExactly(rows + " rows in " + batches + " batches");
    }

    @Test
    void readFromS3CountsTheRowsOfAnObject() throws Exception {
        LocalS3 s3 = new LocalS3();
        // the SDK's default credential chain reads these system properties first
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        try {
            s3.createBucket("data");
            s3.put("data", "dir/tiny.parquet", Files.readAllBytes(TINY_PAGES));
            assertThat(Stdout.of(ReadFromS3::main, "s3://data/dir/tiny.parquet", s3.endpoint().toString(), LocalS3.REGION))
                    .containsExactly("s3://data/dir/tiny.parquet: " + ParquetJava.rowCount(TINY_PAGES) + " rows");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            s3.close();
        }
    }

    @Test
    void scanDatasetCountsMatchingRowsAndSkipsPartitions(@TempDir Path dataset) throws Exception {
        // two partitions holding the same file; "batch", since the file already has a column named "year"
        for (String partition : List.of("batch=1", "batch=2")) {
            Files.createDirectories(dataset.resolve(partition));
            Files.copy(TINY_PAGES, dataset.resolve(partition).resolve("part-0.parquet"));
        }
        List<Group> rows = ParquetJava.rows(TINY_PAGES);
        long atLeast7000 = rows.stream().filter(g -> g.getInteger("id", 0) >= 7000).count();

        assertThat(Stdout.of(ScanDataset::main, dataset.toString(), "id", "7000"))
                .containsExactly(2 * atLeast7000 + " matching rows; 2 files, 0 skipped without reading their rows");
        assertThat(Stdout.of(ScanDataset::main, dataset.toString(), "batch", "2"))
                .containsExactly(rows.size() + " matching rows; 2 files, 1 skipped without reading their rows");
    }

    @Test
    void tempoTracesPrintsEveryTraceOfABlockAsOtlpJson() throws Exception {
        List<String> out = Stdout.of(TempoTraces::main, TEMPO_ROOT.toString(), "single-tenant", "block", BLOCK_ID);

        // one row per trace in data.parquet, as parquet-java counts them; meta.json says the same
        long traces = ParquetJava.rowCount(Corpus.tempoBlock().resolve("data.parquet"));
        assertThat(out).hasSize((int) traces);
        assertThat(totalObjects()).isEqualTo(traces);
        // 570 spans: the count the tempo module's parquet-java golden test reads from the block
        assertThat(out.stream().mapToInt(line -> spans(line).size()).sum()).isEqualTo(570);
        assertThat(out.stream().map(line -> spans(line).getFirst().get("traceId").asText()).distinct()).hasSize((int) traces);
    }

    @Test
    void tempoTracesFindsATraceByIdAsTheBlockScanReadsIt() throws Exception {
        List<String> found = Stdout.of(TempoTraces::main, TEMPO_ROOT.toString(), "single-tenant", "trace", "474be8b43449fb");

        assertThat(found).hasSize(1);
        List<JsonNode> spans = spans(found.getFirst());
        assertThat(spans).isNotEmpty().allSatisfy(span ->
                assertThat(span.get("traceId").asText()).isEqualTo("000000000000000000474be8b43449fb"));
        // a span of Tempo's own HTTP response for this trace (docs/tempo-format.md §15; IDs there are base64)
        String spanId = HexFormat.of().formatHex(Base64.getDecoder().decode("c2/ijFMFG78="));
        assertThat(spans).anySatisfy(span -> {
            assertThat(span.get("spanId").asText()).isEqualTo(spanId);
            assertThat(span.get("name").asText()).isEqualTo("/GetProducts");
        });
        // FindTraceByID (bloom filter, statistics, page index) gives the line the full scan gives
        List<String> scanned = Stdout.of(TempoTraces::main, TEMPO_ROOT.toString(), "single-tenant", "block", BLOCK_ID);
        assertThat(scanned).contains(found.getFirst());
    }

    /**
     * TraceQL search, metrics and tag values answer what the block's full scan (its OTLP/JSON lines, read without the
     * query engine) says: the traces with a span of that name and how many, the spans per service, the services.
     */
    @Test
    void tempoSearchAnswersWhatTheFullScanOfTheBlockSays() throws Exception {
        List<String> scanned = Stdout.of(TempoTraces::main, TEMPO_ROOT.toString(), "single-tenant", "block", BLOCK_ID);
        java.util.Map<String, Long> getProducts = new java.util.TreeMap<>();
        java.util.Map<String, Long> spansPerService = new java.util.TreeMap<>();
        for (String line : scanned) {
            for (JsonNode resourceSpans : read(line).get("resourceSpans")) {
                String service = resourceSpans.get("resource").get("attributes").valueStream()
                        .filter(a -> a.get("key").asText().equals("service.name"))
                        .map(a -> a.get("value").get("stringValue").asText()).findFirst().orElse("");
                for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
                    for (JsonNode span : scopeSpans.get("spans")) {
                        spansPerService.merge(service, 1L, Long::sum);
                        if (span.get("name").asText().equals("/GetProducts")) {
                            getProducts.merge(span.get("traceId").asText().replaceFirst("^0+", ""), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        assertThat(getProducts).isNotEmpty();

        List<String> found = Stdout.of(TempoSearch::main, TEMPO_ROOT.toString(), "single-tenant", "search",
                "{ name = \"/GetProducts\" }");
        Pattern result = Pattern.compile("([0-9a-f]+) \\S+ .*: (\\d+) spans matched");
        java.util.Map<String, Long> searched = new java.util.TreeMap<>();
        for (String line : found) {
            Matcher matcher = result.matcher(line);
            assertThat(matcher.matches()).as(line).isTrue();
            searched.put(matcher.group(1).replaceFirst("^0+", ""), Long.parseLong(matcher.group(2)));
        }
        assertThat(searched).isEqualTo(getProducts);

        List<String> counts = Stdout.of(TempoSearch::main, TEMPO_ROOT.toString(), "single-tenant", "metrics",
                "{ } | count_over_time() by (resource.service.name)");
        assertThat(counts).containsExactlyInAnyOrderElementsOf(spansPerService.entrySet().stream()
                .map(e -> "resource.service.name=" + e.getKey() + " " + (double) e.getValue()).toList());

        assertThat(Stdout.of(TempoSearch::main, TEMPO_ROOT.toString(), "single-tenant", "values", "resource.service.name"))
                .containsExactlyInAnyOrderElementsOf(spansPerService.keySet());
    }

    @Test
    void otapLogsReplaysEveryLogRecordOfTheExport() throws Exception {
        long records = logRows();
        List<String> out = Stdout.of(OtapLogs::main, OTAP.toString());

        int batches = out.size() - 1;
        assertThat(batches).isPositive();
        assertThat(out.getLast()).isEqualTo(records + " log records in " + batches + " batches");
        Pattern line = Pattern.compile("[0-9a-f-]{36} logs/\\S+\\.parquet up to row \\d+: (\\d+) log records, 0 rows not joined");
        long sum = 0;
        for (String batch : out.subList(0, batches)) {
            Matcher matcher = line.matcher(batch);
            assertThat(matcher.matches()).as(batch).isTrue();
            sum += Long.parseLong(matcher.group(1));
        }
        assertThat(sum).isEqualTo(records);

        List<String> json = Stdout.of(OtapLogs::main, OTAP.toString(), "json");
        assertThat(json).hasSize(batches);
        assertThat(json.stream().mapToInt(l -> logRecords(l).size()).sum()).isEqualTo(records);
    }

    @Test
    void otapReceiverToFileDeliversEveryBatchOnceAcrossRuns(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("logs.jsonl");
        List<String> replayed = Stdout.of(OtapLogs::main, OTAP.toString(), "json");

        assertThat(Stdout.of(OtapReceiverToFile::main, OTAP.toString(), out.toString()))
                .containsExactly("delivered " + replayed.size() + " batches, " + logRows() + " log records to " + out);
        // the file holds the replay's batches, each as one OTLP/JSON line
        assertThat(Files.readAllLines(out)).isEqualTo(replayed);
        assertThat(temp.resolve("logs.jsonl.checkpoint")).isNotEmptyFile();

        byte[] first = Files.readAllBytes(out);
        assertThat(Stdout.of(OtapReceiverToFile::main, OTAP.toString(), out.toString()))
                .containsExactly("delivered 0 batches, 0 log records to " + out);
        assertThat(Files.readAllBytes(out)).isEqualTo(first);
    }

    private static long totalObjects() throws IOException {
        Matcher matcher = Pattern.compile("\"totalObjects\":(\\d+)").matcher(Files.readString(Corpus.tempoBlock().resolve("meta.json")));
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** The spans of an OTLP/JSON TracesData line. */
    private static List<JsonNode> spans(String line) {
        return read(line).get("resourceSpans").valueStream()
                .flatMap(rs -> rs.get("scopeSpans").valueStream())
                .flatMap(ss -> ss.get("spans").valueStream()).toList();
    }

    /** The log records of an OTLP/JSON LogsData line. */
    private static List<JsonNode> logRecords(String line) {
        return read(line).get("resourceLogs").valueStream()
                .flatMap(rl -> rl.get("scopeLogs").valueStream())
                .flatMap(sl -> sl.get("logRecords").valueStream()).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of the export's logs table (one per log record), as parquet-java counts them; staging files left out. */
    private static long logRows() throws IOException {
        try (Stream<Path> files = Files.walk(OTAP.resolve("logs"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).mapToLong(ParquetJava::rowCount).sum();
        }
    }
}
