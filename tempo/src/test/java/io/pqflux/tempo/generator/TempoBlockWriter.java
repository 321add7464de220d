package io.pqflux.tempo.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.golden.TempoRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Tempo-faithful vParquet4 blocks (released layout) from OTLP traces into {@code <root>/<tenant>/<blockID>/}:
 * {@code data.parquet}, {@code bloom-N}, {@code index} and {@code meta.json}, with Tempo's write-time derivations
 * (docs/tempo-format.md §6) and, as far as parquet-java allows, Tempo's writer settings (§12).
 *
 * <p>Where parquet-java 1.18 cannot do what Tempo's parquet-go writer does (the block is still a valid vParquet4 block
 * that Tempo reads; the differences are in the Parquet encoding only):
 * <ul>
 *   <li>Fallback (non-dictionary) encodings: parquet-java's V2 writer picks DELTA_BYTE_ARRAY for byte arrays (Tempo:
 *       DELTA_LENGTH_BYTE_ARRAY), DELTA_BINARY_PACKED for every INT32/INT64 (Tempo: PLAIN for {@code ValueInt},
 *       {@code HttpStatusCode}, {@code DroppedEventsCount}, {@code DroppedLinksCount}) and RLE for booleans (Tempo:
 *       PLAIN). The builder has no per-column encoding switch.</li>
 *   <li>Dictionary columns fall back to DELTA_BYTE_ARRAY mid-chunk when the dictionary passes 1 MiB or, after the
 *       first page, does not pay off (nearly unique values: IPs, URLs, pod names); parquet-go keeps the dictionary.</li>
 *   <li>{@code is_compressed}: parquet-java sets it on every V2 page of a SNAPPY chunk and compresses the page; Tempo
 *       leaves the data pages of dictionary-encoded SNAPPY chunks raw ({@code is_compressed = false}).</li>
 *   <li>The column index's {@code boundary_order} is computed by parquet-java (e.g. ASCENDING for the sorted
 *       {@code TraceID}); Tempo always writes UNORDERED. Size statistics are switched off, as parquet-go has none.</li>
 *   <li>Row groups are cut by parquet-java's buffered-size check against {@link Settings#rowGroupSizeBytes}, not by
 *       Tempo's value-count estimate; {@code created_by} names parquet-java.</li>
 *   <li>Zipkin-style shared span IDs and repeated span IDs, which change Tempo's nested-set numbering, are not
 *       handled: the synthetic traces have unique span IDs.</li>
 * </ul>
 * Same as Tempo: V2 data pages without page statistics, chunk statistics, column and offset index on every chunk
 * (column-index bounds truncated to 16 bytes), all column indexes then all offset indexes before the footer,
 * per-column codecs (SNAPPY on tagged columns, UNCOMPRESSED elsewhere), dictionaries
 * exactly on the {@code dict}-tagged columns, page CRCs, 256 KiB pages, rows sorted by padded trace ID, no Parquet
 * bloom filters.
 */
public final class TempoBlockWriter {

    /**
     * @param tenant              the tenant directory and {@code tenantID}
     * @param blockId             the block directory and {@code blockID}
     * @param dedicatedColumns    the block's {@code dedicatedColumns}, in meta order (resource entries first here)
     * @param rowGroupSizeBytes   target row-group size (Tempo's default 100 MB; tests use a few hundred KB)
     * @param pageSizeBytes       target page size (Tempo's parquet-go page buffer is 256 KiB)
     * @param bloomFalsePositive  {@code bloom_filter_false_positive}
     * @param bloomShardSizeBytes {@code bloom_filter_shard_size_bytes}
     * @param encryption          how parquet-java encrypts data.parquet, or null
     */
    public record Settings(String tenant, UUID blockId, List<DedicatedColumn> dedicatedColumns, long rowGroupSizeBytes,
                           int pageSizeBytes, double bloomFalsePositive, int bloomShardSizeBytes,
                           FileEncryptionProperties encryption) {

        public Settings {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(blockId, "blockId");
            dedicatedColumns = List.copyOf(dedicatedColumns);
        }

        /** Tempo's defaults, and the dedicated columns of {@link SyntheticTraces}; a block ID derived from the seed. */
        public static Settings defaults(long seed) {
            List<DedicatedColumn> dedicated = new ArrayList<>();
            for (String name : SyntheticTraces.RESOURCE_DEDICATED) {
                dedicated.add(new DedicatedColumn(DedicatedColumn.Scope.RESOURCE, DedicatedColumn.Type.STRING, name, Set.of()));
            }
            for (String name : SyntheticTraces.SPAN_DEDICATED) {
                dedicated.add(new DedicatedColumn(DedicatedColumn.Scope.SPAN, DedicatedColumn.Type.STRING, name, Set.of()));
            }
            UUID blockId = UUID.nameUUIDFromBytes(ByteBuffer.allocate(8).putLong(seed).array());
            return new Settings("generated", blockId, dedicated, 100_000_000L, 256 << 10, 0.01, 100 << 10, null);
        }

        public Settings withRowGroupSizeBytes(long bytes) {
            return new Settings(tenant, blockId, dedicatedColumns, bytes, pageSizeBytes, bloomFalsePositive,
                    bloomShardSizeBytes, encryption);
        }

        /** Pages smaller than Tempo's give a test-size block the many-page chunks of a production row group. */
        public Settings withPageSizeBytes(int bytes) {
            return new Settings(tenant, blockId, dedicatedColumns, rowGroupSizeBytes, bytes, bloomFalsePositive,
                    bloomShardSizeBytes, encryption);
        }

        public Settings withBloomShardSizeBytes(int bytes) {
            return new Settings(tenant, blockId, dedicatedColumns, rowGroupSizeBytes, pageSizeBytes, bloomFalsePositive,
                    bytes, encryption);
        }

        /** data.parquet encrypted by parquet-java's writer with these properties (Tempo itself never encrypts). */
        public Settings withEncryption(FileEncryptionProperties properties) {
            return new Settings(tenant, blockId, dedicatedColumns, rowGroupSizeBytes, pageSizeBytes, bloomFalsePositive,
                    bloomShardSizeBytes, properties);
        }

        List<String> slots(DedicatedColumn.Scope scope) {
            return dedicatedColumns.stream().filter(c -> c.scope() == scope && c.type() == DedicatedColumn.Type.STRING
                    && c.options().isEmpty()).map(DedicatedColumn::name).limit(10).toList();
        }
    }

    /** What was written: the block directory and the numbers its meta holds. */
    public record WrittenBlock(Path directory, UUID blockId, int traceCount, int rowGroupCount, long size,
                               int footerSize, int bloomShards, Instant startTime, Instant endTime) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Measured: 2,000 synthetic traces give a 3.2 MB (8 KiB pages) to 3.9 MB (256 KiB pages, 23 row groups) file. */
    static final long BYTES_PER_TRACE = 1_800;

    private TempoBlockWriter() {
    }

    /** Writes {@code count} seeded synthetic traces, streaming (any size: nothing but the trace IDs is held). */
    public static WrittenBlock generate(Path root, Settings settings, long seed, int count) {
        SyntheticTraces traces = SyntheticTraces.sorted(seed, count);
        return writeSorted(root, settings, traces.iterator(), traces.count());
    }

    /**
     * About {@code targetBytes} of {@code data.parquet} (±20 %: traces average {@value #BYTES_PER_TRACE} bytes with
     * Tempo's page size), streaming; for benchmark blocks of 100 MB or 1 GB.
     */
    public static WrittenBlock generateAbout(Path root, Settings settings, long seed, long targetBytes) {
        return generate(root, settings, seed, Math.toIntExact(Math.max(1, targetBytes / BYTES_PER_TRACE)));
    }

    /** Writes traces given in any order (one {@code TracesData} per trace ID); sorts them by padded trace ID. */
    public static WrittenBlock write(Path root, Settings settings, List<TracesData> traces) {
        List<TraceRow> rows = new ArrayList<>(traces.size());
        for (TracesData trace : traces) rows.add(TraceRow.of(trace));
        rows.sort(Comparator.comparing(row -> TraceId.of(row.id16())));
        return writeRows(root, settings, rows.iterator(), rows.size());
    }

    /**
     * Writes traces that arrive in block order, streaming.
     *
     * @param estimatedTraces the bloom filter's {@code n}, as Tempo sizes it when it creates the block
     * @throws IllegalArgumentException when a trace ID is not greater than the one before
     */
    public static WrittenBlock writeSorted(Path root, Settings settings, Iterator<TracesData> traces, long estimatedTraces) {
        return writeRows(root, settings, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return traces.hasNext();
            }

            @Override
            public TraceRow next() {
                return TraceRow.of(traces.next());
            }
        }, estimatedTraces);
    }

    private static WrittenBlock writeRows(Path root, Settings settings, Iterator<TraceRow> rows, long estimatedTraces) {
        Path directory = root.resolve(settings.tenant()).resolve(settings.blockId().toString());
        Path data = directory.resolve("data.parquet");
        BloomShardWriter bloom = new BloomShardWriter(estimatedTraces, settings.bloomFalsePositive(), settings.bloomShardSizeBytes());
        MessageType schema = TempoRows.releasedSchema();
        int count = 0;
        long start = -1;
        long end = 0;
        byte[] previous = null;
        ParquetMetadata footer;
        try {
            Files.createDirectories(directory);
            ParquetWriter<TraceRow> writer = builder(data, schema, settings).build();
            try (writer) {
                while (rows.hasNext()) {
                    TraceRow row = rows.next();
                    if (previous != null && Arrays.compareUnsigned(previous, row.id16()) >= 0) {
                        throw new IllegalArgumentException("trace " + TraceId.of(row.id16()) + " follows "
                                + TraceId.of(previous) + ": blocks hold each trace once, in ascending ID order");
                    }
                    previous = row.id16();
                    writer.write(row);
                    bloom.add(row.id16());
                    if (Long.compareUnsigned(row.startTimeUnixNano(), start) < 0) start = row.startTimeUnixNano();
                    if (Long.compareUnsigned(row.endTimeUnixNano(), end) > 0) end = row.endTimeUnixNano();
                    count++;
                }
            }
            footer = writer.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + data, e);
        }
        if (count == 0) throw new IllegalArgumentException("a block needs at least one trace");
        bloom.writeTo(directory);
        writeIndex(directory, footer);
        long size;
        int footerSize;
        try (FileChannel file = FileChannel.open(data, StandardOpenOption.READ)) {
            size = file.size();
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            file.read(tail, size - 8);
            footerSize = tail.getInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the tail of " + data, e);
        }
        Instant startTime = Instant.ofEpochSecond(Long.divideUnsigned(start, 1_000_000_000L));
        Instant endTime = Instant.ofEpochSecond(Long.divideUnsigned(end, 1_000_000_000L));
        WrittenBlock block = new WrittenBlock(directory, settings.blockId(), count, footer.getBlocks().size(), size,
                footerSize, bloom.shardCount(), startTime, endTime);
        writeMeta(directory, settings, block);
        return block;
    }

    private static ParquetWriter.Builder<TraceRow, ?> builder(Path data, MessageType schema, Settings settings) {
        TraceRowWriteSupport support = new TraceRowWriteSupport(schema, settings.slots(DedicatedColumn.Scope.RESOURCE),
                settings.slots(DedicatedColumn.Scope.SPAN));
        TraceRowWriter builder = new TraceRowWriter(new LocalOutputFile(data), support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withWriterVersion(WriterVersion.PARQUET_2_0)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(false)
                .withPageSize(settings.pageSizeBytes())
                // parquet-java checks the page size every 100 to 10,000 rows by default, which overshoots small pages
                .withMinRowCountForPageSizeCheck(1).withMaxRowCountForPageSizeCheck(64)
                .withRowGroupSize(settings.rowGroupSizeBytes())
                .withPageWriteChecksumEnabled(true)
                .withColumnIndexTruncateLength(16)
                .withSizeStatisticsEnabled(false)
                .withBloomFilterEnabled(false)
                .withEncryption(settings.encryption());
        for (ColumnDescriptor column : schema.getColumns()) {
            String path = String.join(".", column.getPath());
            if (uncompressed(path)) builder = builder.withCompressionCodec(path, CompressionCodecName.UNCOMPRESSED);
            if (dictionary(path)) builder = builder.withDictionaryEncoding(path, true);
        }
        return builder;
    }

    /** The columns Tempo leaves uncompressed (no {@code snappy} tag), docs/tempo-format.md §12. */
    static boolean uncompressed(String path) {
        return switch (path) {
            case "TraceID", "StartTimeUnixNano", "EndTimeUnixNano", "DurationNano", "RootServiceName", "RootSpanName",
                 "ServiceStats.key_value.key", "ServiceStats.key_value.value.SpanCount",
                 "ServiceStats.key_value.value.ErrorCount" -> true;
            default -> {
                String span = "rs.list.element.ss.list.element.Spans.list.element.";
                yield path.startsWith(span) && switch (path.substring(span.length())) {
                    case "SpanID", "ParentSpanID", "ParentID", "NestedSetLeft", "NestedSetRight", "Kind",
                         "StartTimeUnixNano", "DurationNano", "StatusCode", "Events.list.element.TimeSinceStartNano",
                         "Links.list.element.TraceID", "Links.list.element.SpanID" -> true;
                    default -> false;
                };
            }
        };
    }

    /** The columns Tempo tags {@code dict} (RLE_DICTIONARY data pages), docs/tempo-format.md §4.2. */
    static boolean dictionary(String path) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (path.endsWith("Attrs.list.element.Key") || path.endsWith("Attrs.list.element.Value.list.element")) return true;
        if (leaf.matches("String\\d\\d")) return true;
        return switch (path) {
            case "RootServiceName", "RootSpanName", "rs.list.element.Resource.ServiceName",
                 "rs.list.element.Resource.Cluster", "rs.list.element.Resource.Namespace", "rs.list.element.Resource.Pod",
                 "rs.list.element.Resource.Container", "rs.list.element.Resource.K8sClusterName",
                 "rs.list.element.Resource.K8sNamespaceName", "rs.list.element.Resource.K8sPodName",
                 "rs.list.element.Resource.K8sContainerName", "rs.list.element.ss.list.element.Scope.Name",
                 "rs.list.element.ss.list.element.Scope.Version", "rs.list.element.ss.list.element.Spans.list.element.Name",
                 "rs.list.element.ss.list.element.Spans.list.element.Events.list.element.Name",
                 "rs.list.element.ss.list.element.Spans.list.element.HttpMethod",
                 "rs.list.element.ss.list.element.Spans.list.element.HttpUrl" -> true;
            default -> false;
        };
    }

    /** §10.6: the maximum trace ID of each row group, base64. */
    private static void writeIndex(Path directory, ParquetMetadata footer) {
        List<String> maxima = new ArrayList<>();
        for (BlockMetaData rowGroup : footer.getBlocks()) {
            ColumnChunkMetaData traceIds = rowGroup.getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("TraceID")).findFirst().orElseThrow();
            maxima.add(Base64.getEncoder().encodeToString(traceIds.getStatistics().getMaxBytes()));
        }
        write(directory.resolve("index"), Map.of("rowGroups", maxima));
    }

    /** §3, with the compact dedicated-column entries (defaults {@code span} and {@code string} left out). */
    private static void writeMeta(Path directory, Settings settings, WrittenBlock block) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "vParquet4");
        meta.put("blockID", block.blockId().toString());
        meta.put("tenantID", settings.tenant());
        meta.put("startTime", block.startTime().toString());
        meta.put("endTime", block.endTime().toString());
        meta.put("totalObjects", block.traceCount());
        meta.put("size", block.size());
        meta.put("compactionLevel", 0);
        meta.put("encoding", "none");
        meta.put("indexPageSize", 0);
        meta.put("totalRecords", block.rowGroupCount());
        meta.put("dataEncoding", "");
        meta.put("bloomShards", block.bloomShards());
        meta.put("footerSize", block.footerSize());
        List<Map<String, String>> dedicated = new ArrayList<>();
        for (DedicatedColumn column : settings.dedicatedColumns()) {
            Map<String, String> entry = new LinkedHashMap<>();
            if (column.scope() != DedicatedColumn.Scope.SPAN) entry.put("s", column.scope().name().toLowerCase());
            entry.put("n", column.name());
            if (column.type() != DedicatedColumn.Type.STRING) entry.put("t", column.type().name().toLowerCase());
            dedicated.add(entry);
        }
        if (!dedicated.isEmpty()) meta.put("dedicatedColumns", dedicated);
        write(directory.resolve("meta.json"), meta);
    }

    private static void write(Path file, Object json) {
        try {
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static final class TraceRowWriter extends ParquetWriter.Builder<TraceRow, TraceRowWriter> {
        private final TraceRowWriteSupport support;

        TraceRowWriter(OutputFile file, TraceRowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected TraceRowWriter self() {
            return this;
        }

        @SuppressWarnings("deprecation") // parquet-java still declares the Hadoop overload abstract
        @Override
        protected WriteSupport<TraceRow> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<TraceRow> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
