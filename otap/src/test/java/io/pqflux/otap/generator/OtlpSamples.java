package io.pqflux.otap.generator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Seeded synthetic OTLP input for the exporter simulation; each list element is one exporter batch (one OTLP message).
 * Every batch has up to three resources (with and without attributes, schema URL, dropped attribute count) with one or
 * two scopes each (likewise); records cycle through every AnyValue kind (empty, string, int, doubles that fit half,
 * single or only double precision, bool, bytes, kvlists and arrays nested three deep) in attributes and log bodies.
 * Values the exporter drops are generated too (span and link flags, {@code is_monotonic}, {@code zero_threshold});
 * {@link Golden#expected} says what survives.
 *
 * <p>Kept so that every batch can share a file with the others under faithful settings: the first record of each
 * batch has attributes (so the root {@code id} column is UInt32, never the template's UInt16 nulls), and every point
 * with exemplars has an int and a double one (so {@code double_value} is Float64 in every batch). The {@link Layout}s
 * keep that, except {@link Layout#UNATTRIBUTED_LOGS}.
 *
 * <p>The {@code Set<Layout>} overloads give the exporter layouts on top of the base batches (the base content is the
 * same with or without them); {@link #mixed} interleaves the three signals for one exporter.
 */
public final class OtlpSamples {

    private static final long BASE_NANOS = 1_750_000_000_000_000_000L;
    /** A time with the top bit set: u64 nanos that are negative as a signed INT64. */
    static final long FAR_FUTURE_NANOS = 0xF000_0000_0000_0000L;

    private final Random random;
    private final int batch;

    /**
     * The exporter layouts, each added to the base batches; any combination. Golden's expectation covers them all
     * (record-less resources and scopes do not come back, absent scopes come back empty).
     */
    public enum Layout {
        /**
         * Edge values: u64 times {@code >= 2^63}; u32-max dropped counts and flags, u64-max counts and bucket counts;
         * empty, non-ASCII and longer-than-64-byte keys, strings (names, schema URLs, severity text, …) and bytes,
         * also in log bodies; the batch's second scope and second resource absent; the first record with 120
         * attributes (metrics: metadata entries; {@link #DEFAULT_VALUES} adds its five to them).
         */
        EDGE_VALUES,
        /**
         * Attribute values equal to their type's default ("", 0, 0.0 and -0.0, false, empty bytes) in every non-empty
         * attribute list of every table, and default log bodies. In odd batches every scalar value is its default, so
         * the {@code str}, {@code int}, {@code double} and {@code bytes} columns are left out of every attribute table
         * and of the body; in even batches defaults sit among other values and are written as values.
         */
        DEFAULT_VALUES,
        /**
         * More resources and scopes than top-level ids: only the first log of a logs batch keeps attributes
         * ({@code max_id} 0), and every batch starts with a record-less resource and more record-less scopes (with
         * attributes) than any table has id rows, before the scopes with records, and ends with a resource without
         * scopes. Nested ids and resource/scope attribute parent ids then reach past the batch's id interval unless
         * {@link ExporterSettings.ResourceScopeIds#FIXED}.
         */
        SPILL,
        /**
         * Logs batches 1, 4, 7, … without any attributed log: {@code logs.id} is left out and the template's UInt16
         * nulls stand in, which a file that started with UInt32 ids cannot take (docs/otap-format.md §7.1) — write with
         * {@link ExporterSettings#withIdWidths} {@code NARROW} or {@code UPSTREAM_ROTATING}, or see the exporter stop. No
         * effect on traces and metrics.
         */
        UNATTRIBUTED_LOGS,
        /**
         * Logs batches 0, 3, 6, …: only the first log keeps its attributes, so the batch has more scopes than log ids
         * and, with {@link ExporterSettings.ResourceScopeIds#FIXED}, scope keys past its largest id. No effect on traces
         * and metrics.
         */
        FEW_ATTRIBUTED_LOGS
    }

    private OtlpSamples(long seed, int batch) {
        this.random = new Random(seed * 1_000_003L + batch);
        this.batch = batch;
    }

    public static List<LogsData> logs(long seed, int batches, int recordsPerBatch) {
        return logs(seed, batches, recordsPerBatch, Set.of());
    }

    public static List<LogsData> logs(long seed, int batches, int recordsPerBatch, Set<Layout> layouts) {
        List<LogsData> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) out.add(logsBatch(seed, b, recordsPerBatch, layouts));
        return out;
    }

    /** Batch {@code batch} of {@link #logs}, made alone: exports too large to hold as one list are written batch by batch. */
    public static LogsData logsBatch(long seed, int batch, int recordsPerBatch) {
        return logsBatch(seed, batch, recordsPerBatch, Set.of());
    }

    public static LogsData logsBatch(long seed, int batch, int recordsPerBatch, Set<Layout> layouts) {
        return SampleLayouts.apply(new OtlpSamples(seed, batch).logsBatch(recordsPerBatch), seed, batch, layouts);
    }

    public static List<TracesData> traces(long seed, int batches, int recordsPerBatch) {
        return traces(seed, batches, recordsPerBatch, Set.of());
    }

    public static List<TracesData> traces(long seed, int batches, int recordsPerBatch, Set<Layout> layouts) {
        List<TracesData> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            out.add(SampleLayouts.apply(new OtlpSamples(seed, b).tracesBatch(recordsPerBatch), seed, b, layouts));
        }
        return out;
    }

    public static List<MetricsData> metrics(long seed, int batches, int recordsPerBatch) {
        return metrics(seed, batches, recordsPerBatch, Set.of());
    }

    public static List<MetricsData> metrics(long seed, int batches, int recordsPerBatch, Set<Layout> layouts) {
        List<MetricsData> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            out.add(SampleLayouts.apply(new OtlpSamples(seed, b).metricsBatch(recordsPerBatch), seed, b, layouts));
        }
        return out;
    }

    /**
     * Mixed-signal input for one exporter ({@link ExporterSimulator#write(Message)}): the batches of {@link #logs},
     * {@link #traces} and {@link #metrics} (same arguments), each signal's in order, interleaved in a seeded random
     * order that starts with one of each. Select a signal's batches with {@code instanceof} for its expectation.
     */
    public static List<Message> mixed(long seed, int batches, int recordsPerBatch, Set<Layout> layouts) {
        List<List<? extends Message>> signals = List.of(logs(seed, batches, recordsPerBatch, layouts),
                traces(seed, batches, recordsPerBatch, layouts), metrics(seed, batches, recordsPerBatch, layouts));
        int[] next = new int[signals.size()];
        Random order = new Random(seed * 31L + 19);
        List<Message> out = new ArrayList<>();
        for (int s = 0; s < signals.size() && batches > 0; s++) out.add(signals.get(s).get(next[s]++));
        while (out.size() < batches * signals.size()) {
            int s = order.nextInt(signals.size());
            if (next[s] < batches) out.add(signals.get(s).get(next[s]++));
        }
        return out;
    }

    /**
     * {@code batches} batches of all three signals as one exporter receives them from several sources: each batch's
     * signal drawn at random (seeded, every signal at least once when {@code batches >= 3}), the n-th batch of a signal
     * being batch n of {@link #logs}, {@link #traces} or {@link #metrics} with the same seed. Written to one {@link
     * ExporterSimulator}, every signal's ids have gaps (the other signals' batches), and {@code resource_attrs} and
     * {@code scope_attrs} hold rows of all three.
     */
    public static List<Message> mixed(long seed, int batches, int recordsPerBatch) {
        Random random = new Random(seed);
        int[] counts = new int[3];
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            // the first three batches are the signals in a random order, the rest drawn freely
            int signal = i < 3 ? firstThree(random, counts) : random.nextInt(3);
            OtlpSamples samples = new OtlpSamples(seed, counts[signal]++);
            out.add(switch (signal) {
                case 0 -> samples.logsBatch(recordsPerBatch);
                case 1 -> samples.tracesBatch(recordsPerBatch);
                default -> samples.metricsBatch(recordsPerBatch);
            });
        }
        return out;
    }

    private static int firstThree(Random random, int[] counts) {
        int signal = random.nextInt(3);
        while (counts[signal] > 0) signal = (signal + 1) % 3;
        return signal;
    }

    // ---------------------------------------------------------------- structure

    /** How many records each (resource, scope) gets: {@code records} spread over up to 3 resources × 2 scopes. */
    private List<int[]> layout(int records) {
        if (records < 1) throw new IllegalArgumentException("recordsPerBatch must be positive");
        List<int[]> scopes = new ArrayList<>(); // {resource, scope, count}
        int resources = Math.min(records, 2 + random.nextInt(2));
        int left = records;
        for (int r = 0; r < resources; r++) {
            int scopeCount = r == 1 || left - (resources - r - 1) < 2 ? 1 : 2;
            for (int s = 0; s < scopeCount; s++) {
                boolean last = r == resources - 1 && s == scopeCount - 1;
                int remainingSlots = (resources - r - 1) + (scopeCount - s - 1);
                int count = last ? left : Math.max(1, Math.min(left - remainingSlots, 1 + random.nextInt(Math.max(1, records / 3))));
                scopes.add(new int[] {r, s, count});
                left -= count;
            }
        }
        return scopes;
    }

    private Resource resource(int r) {
        Resource.Builder resource = Resource.newBuilder();
        if (r != 1) {
            resource.addAttributes(kv("service.name", str("svc-" + batch % 3 + "-" + r)));
            resource.addAttributes(kv("host.id", AnyValue.newBuilder().setIntValue(1000 + r).build()));
        }
        if (r == 2) resource.setDroppedAttributesCount(3);
        return resource.build();
    }

    private static String resourceSchemaUrl(int r) {
        return r == 0 ? "https://opentelemetry.io/schemas/1.26.0" : "";
    }

    private InstrumentationScope scope(int r, int s) {
        InstrumentationScope.Builder scope = InstrumentationScope.newBuilder().setName("scope-" + r + "-" + s);
        if (s == 0) scope.setVersion("1." + r);
        if (s == 1 || r == 2) scope.addAttributes(kv("scope.attr", str("v" + r + s)));
        if (r == 2 && s == 1) scope.setDroppedAttributesCount(1);
        return scope.build();
    }

    private static String scopeSchemaUrl(int r, int s) {
        return s == 1 ? "https://opentelemetry.io/schemas/1.27.0" : "";
    }

    // ---------------------------------------------------------------- values

    /** Doubles by encoded CBOR width: exact in half precision, exact in single, double only. */
    private static final double[] DOUBLES = {1.5, -0.0, 65504.0, 0.25, 100000.5, 3.0e-8, 0.1, Math.PI, -2.5e300};
    private static final long[] INTS = {0, -1, 23, 24, 255, 256, 65536, 4294967296L, Long.MIN_VALUE, Long.MAX_VALUE};

    /** Value kinds in rotation: 0 empty, 1 str, 2 int, 3 double, 4 bool, 5 kvlist, 6 array, 7 bytes. */
    private AnyValue value(int kind, int depth) {
        AnyValue.Builder value = AnyValue.newBuilder();
        switch (kind) {
            case 0 -> { }
            case 1 -> value.setStringValue(random.nextInt(5) == 0 ? "" : "s" + random.nextInt(50) + "-\u00e9\u4e2d");
            case 2 -> value.setIntValue(INTS[random.nextInt(INTS.length)]);
            case 3 -> value.setDoubleValue(DOUBLES[random.nextInt(DOUBLES.length)]);
            case 4 -> value.setBoolValue(random.nextBoolean());
            case 5 -> {
                KeyValueList.Builder map = KeyValueList.newBuilder();
                int entries = depth >= 3 ? 1 : 2 + random.nextInt(3);
                for (int i = 0; i < entries; i++) map.addValues(kv("k" + i, value(nested(depth, i), depth + 1)));
                value.setKvlistValue(map);
            }
            case 6 -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                int items = depth >= 3 ? 1 : 1 + random.nextInt(4);
                for (int i = 0; i < items; i++) array.addValues(value(nested(depth, i + 1), depth + 1));
                value.setArrayValue(array);
            }
            case 7 -> {
                byte[] bytes = new byte[random.nextInt(6)];
                random.nextBytes(bytes);
                value.setBytesValue(ByteString.copyFrom(bytes));
            }
            default -> throw new IllegalArgumentException("kind " + kind);
        }
        return value.build();
    }

    /** Kinds inside containers: containers only above depth 3, so values nest three deep at most. */
    private int nested(int depth, int i) {
        int kind = (random.nextInt(8) + i) % 8;
        if (depth >= 2 && (kind == 5 || kind == 6)) return 1 + random.nextInt(4);
        return kind;
    }

    private List<KeyValue> attributes(String prefix, int count) {
        List<KeyValue> out = new ArrayList<>();
        int first = random.nextInt(8);
        for (int i = 0; i < count; i++) out.add(kv(prefix + "." + (char) ('z' - i), value((first + i) % 8, 0)));
        return out;
    }

    static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static AnyValue str(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private ByteString id(int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        id[0] |= 1; // never all zeros
        return ByteString.copyFrom(id);
    }

    private long time(int record) {
        return BASE_NANOS + batch * 1_000_000_000L + record * 1_000L + random.nextInt(1_000);
    }

    // ---------------------------------------------------------------- logs

    private LogsData logsBatch(int records) {
        LogsData.Builder data = LogsData.newBuilder();
        int record = 0;
        ResourceLogs.Builder current = null;
        int currentResource = -1;
        for (int[] slot : layout(records)) {
            if (slot[0] != currentResource) {
                if (current != null) data.addResourceLogs(current);
                currentResource = slot[0];
                current = ResourceLogs.newBuilder().setResource(resource(slot[0])).setSchemaUrl(resourceSchemaUrl(slot[0]));
            }
            ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(scope(slot[0], slot[1]))
                    .setSchemaUrl(scopeSchemaUrl(slot[0], slot[1]));
            for (int i = 0; i < slot[2]; i++) scope.addLogRecords(log(record++));
            current.addScopeLogs(scope);
        }
        data.addResourceLogs(current);
        return data.build();
    }

    private LogRecord log(int record) {
        LogRecord.Builder log = LogRecord.newBuilder()
                .setTimeUnixNano(time(record))
                .setObservedTimeUnixNano(record == 1 ? FAR_FUTURE_NANOS : time(record) + 5)
                .setBody(value((record + batch) % 8, 0));
        if (record == 0 || record % 3 != 1) log.addAllAttributes(attributes("log", 1 + random.nextInt(4)));
        if (record % 2 == 0) log.setTraceId(id(16)).setSpanId(id(8));
        if (record % 4 != 3) log.setSeverityNumberValue(1 + random.nextInt(24)).setSeverityText("SEV" + record % 5);
        if (record % 5 == 2) log.setEventName("event." + record % 3);
        if (record % 3 == 0) log.setFlags(1);
        if (record % 7 == 4) log.setDroppedAttributesCount(2);
        return log.build();
    }

    // ---------------------------------------------------------------- traces

    private TracesData tracesBatch(int records) {
        TracesData.Builder data = TracesData.newBuilder();
        int record = 0;
        ResourceSpans.Builder current = null;
        int currentResource = -1;
        for (int[] slot : layout(records)) {
            if (slot[0] != currentResource) {
                if (current != null) data.addResourceSpans(current);
                currentResource = slot[0];
                current = ResourceSpans.newBuilder().setResource(resource(slot[0])).setSchemaUrl(resourceSchemaUrl(slot[0]));
            }
            ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(scope(slot[0], slot[1]))
                    .setSchemaUrl(scopeSchemaUrl(slot[0], slot[1]));
            for (int i = 0; i < slot[2]; i++) scope.addSpans(span(record++));
            current.addScopeSpans(scope);
        }
        data.addResourceSpans(current);
        return data.build();
    }

    private Span span(int record) {
        long start = time(record);
        Span.Builder span = Span.newBuilder()
                .setTraceId(id(16)).setSpanId(id(8))
                .setName("op-" + random.nextInt(6))
                .setKindValue(record % 6)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + random.nextInt(1_000_000))
                .setFlags(record % 2 == 0 ? 0x101 : 0);
        if (record == 0 || record % 4 != 1) span.addAllAttributes(attributes("span", 1 + random.nextInt(4)));
        if (record % 3 != 0) span.setParentSpanId(id(8));
        if (record % 4 == 2) span.setTraceState("vendor=" + record);
        if (record % 5 == 1) span.setDroppedAttributesCount(1).setDroppedEventsCount(2).setDroppedLinksCount(3);
        if (record % 3 == 1) span.setStatus(Status.newBuilder().setCodeValue(1 + record % 2).setMessage(record % 2 == 0 ? "" : "failed"));
        if (record % 7 == 5) span.setStatus(Status.newBuilder().setMessage("message without code"));
        for (int e = 0; e < record % 3; e++) {
            Span.Event.Builder event = Span.Event.newBuilder().setName("event-" + random.nextInt(4))
                    .setTimeUnixNano(start + e);
            if (e == 0) event.addAllAttributes(attributes("event", 1 + random.nextInt(3)));
            if (e == 1) event.setDroppedAttributesCount(1);
            span.addEvents(event);
        }
        for (int l = 0; l < (record % 4 == 0 ? 2 : 0); l++) {
            Span.Link.Builder link = Span.Link.newBuilder().setTraceId(id(16)).setSpanId(id(8)).setFlags(0x100);
            if (l == 1) link.addAllAttributes(attributes("link", 2)).setTraceState("ts=" + l).setDroppedAttributesCount(4);
            span.addLinks(link);
        }
        return span.build();
    }

    // ---------------------------------------------------------------- metrics

    private MetricsData metricsBatch(int records) {
        MetricsData.Builder data = MetricsData.newBuilder();
        int record = 0;
        ResourceMetrics.Builder current = null;
        int currentResource = -1;
        for (int[] slot : layout(records)) {
            if (slot[0] != currentResource) {
                if (current != null) data.addResourceMetrics(current);
                currentResource = slot[0];
                current = ResourceMetrics.newBuilder().setResource(resource(slot[0])).setSchemaUrl(resourceSchemaUrl(slot[0]));
            }
            ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(scope(slot[0], slot[1]))
                    .setSchemaUrl(scopeSchemaUrl(slot[0], slot[1]));
            for (int i = 0; i < slot[2]; i++) scope.addMetrics(metric(record++));
            current.addScopeMetrics(scope);
        }
        data.addResourceMetrics(current);
        return data.build();
    }

    private Metric metric(int record) {
        Metric.Builder metric = Metric.newBuilder().setName("metric." + record % 7)
                .setDescription(record % 2 == 0 ? "described " + record : "").setUnit(record % 3 == 0 ? "ms" : "");
        if (record % 3 != 2) metric.addAllMetadata(attributes("meta", 1 + random.nextInt(2)));
        int points = 1 + random.nextInt(3);
        switch (record % 6) {
            case 0 -> {
                Gauge.Builder gauge = Gauge.newBuilder();
                for (int p = 0; p < points; p++) gauge.addDataPoints(number(record, p));
                metric.setGauge(gauge);
            }
            case 1 -> {
                Sum.Builder sum = Sum.newBuilder().setIsMonotonic(record % 4 == 1)
                        .setAggregationTemporality(record % 4 == 1 ? AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE
                                : AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
                for (int p = 0; p < points; p++) sum.addDataPoints(number(record, p));
                metric.setSum(sum);
            }
            case 2, 5 -> {
                Histogram.Builder histogram = Histogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                for (int p = 0; p < points; p++) histogram.addDataPoints(histogram(record, p));
                metric.setHistogram(histogram);
            }
            case 3 -> {
                ExponentialHistogram.Builder exp = ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
                for (int p = 0; p < points; p++) exp.addDataPoints(exponential(record, p));
                metric.setExponentialHistogram(exp);
            }
            case 4 -> {
                Summary.Builder summary = Summary.newBuilder();
                for (int p = 0; p < points; p++) summary.addDataPoints(summary(record, p));
                metric.setSummary(summary);
            }
            default -> throw new AssertionError();
        }
        return metric.build();
    }

    private List<KeyValue> pointAttributes(int p) {
        return p % 2 == 0 ? attributes("dp", 1 + random.nextInt(3)) : List.of();
    }

    /** An int and a double exemplar (first with filtered attributes, the second without) or none. */
    private List<Exemplar> exemplars(int record, int p, long time) {
        if (p != 0) return List.of();
        List<Exemplar> out = new ArrayList<>();
        Exemplar.Builder intExemplar = Exemplar.newBuilder().setTimeUnixNano(time).setAsInt(7 + random.nextInt(100))
                .addAllFilteredAttributes(attributes("ex", 1 + random.nextInt(2)));
        if (record % 2 == 0) intExemplar.setTraceId(id(16)).setSpanId(id(8));
        out.add(intExemplar.build());
        out.add(Exemplar.newBuilder().setTimeUnixNano(time + 1).setAsDouble(0.5 + random.nextInt(100)).build());
        return out;
    }

    private NumberDataPoint number(int record, int p) {
        long time = time(record);
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setStartTimeUnixNano(time - 1_000)
                .setTimeUnixNano(time).addAllAttributes(pointAttributes(p)).addAllExemplars(exemplars(record, p, time));
        if ((record + p) % 2 == 0) point.setAsInt(random.nextInt(1000) - 500);
        else point.setAsDouble(DOUBLES[random.nextInt(DOUBLES.length)]);
        if (p == 2) point.setFlags(1);
        return point.build();
    }

    private HistogramDataPoint histogram(int record, int p) {
        long time = time(record);
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setStartTimeUnixNano(time - 1_000)
                .setTimeUnixNano(time).addAllAttributes(pointAttributes(p)).addAllExemplars(exemplars(record, p, time))
                .setCount(10 + p);
        if (p % 2 == 0) point.setSum(12.5 * (p + 1)).setMin(0.5).setMax(9.75);
        for (int b = 0; b < 3 + p; b++) point.addBucketCounts(b + p);
        for (int b = 0; b < 2 + p; b++) point.addExplicitBounds(b * 2.5);
        return point.build();
    }

    private ExponentialHistogramDataPoint exponential(int record, int p) {
        long time = time(record);
        ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(time - 1_000).setTimeUnixNano(time).addAllAttributes(pointAttributes(p))
                .addAllExemplars(exemplars(record, p, time)).setCount(20 + p).setScale(p - 1).setZeroCount(p)
                .setZeroThreshold(p == 0 ? 0.001 : 0)
                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(p - 2)
                        .addAllBucketCounts(List.of(1L, 2L, 3L + p)));
        if (p != 1) {
            point.setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-p).addBucketCounts(4));
            point.setSum(-3.5 + p).setMin(-7).setMax(11);
        }
        return point.build();
    }

    private SummaryDataPoint summary(int record, int p) {
        long time = time(record);
        SummaryDataPoint.Builder point = SummaryDataPoint.newBuilder().setStartTimeUnixNano(time - 1_000)
                .setTimeUnixNano(time).addAllAttributes(pointAttributes(p)).setCount(5 + p).setSum(42.25 + p);
        IntFunction<SummaryDataPoint.ValueAtQuantile> quantile = q -> SummaryDataPoint.ValueAtQuantile.newBuilder()
                .setQuantile(q / 4.0).setValue(q * 1.5 + p).build();
        for (int q = 0; q < (p == 1 ? 0 : 3); q++) point.addQuantileValues(quantile.apply(q));
        if (p == 2) point.setFlags(1);
        return point.build();
    }
}
