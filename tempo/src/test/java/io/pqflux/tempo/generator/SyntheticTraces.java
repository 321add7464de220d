package io.pqflux.tempo.generator;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.TraceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded synthetic OTLP traces, one {@code TracesData} per trace, covering what a vParquet4 block must carry: resources
 * with {@code service.name} and the well-known k8s attributes (sometimes with a non-string value, which keeps them in the
 * generic list), dedicated attributes, scopes with attributes (and missing scopes), spans of every kind and status
 * (and without status), events, links (some {@code child_of} the same trace, which un-roots a span), attributes of every
 * {@code AnyValue} shape, span and link flags, schema URLs, 64-bit and 128-bit trace IDs, traces without a root and with
 * two roots, and resources or scopes repeated within a trace (which Tempo's rebatching merges).
 * <p>
 * {@link #sorted} yields the traces in block order (padded trace ID, unsigned) and builds each one from the seed and its
 * position only, so a block of any size streams without holding its traces.
 */
public final class SyntheticTraces {

    /** Attribute names of the dedicated columns the generated traces use; see {@link TempoBlockWriter.Settings}. */
    public static final List<String> RESOURCE_DEDICATED = List.of("ip", "host.arch");
    public static final List<String> SPAN_DEDICATED = List.of("instance", "version", "region");

    /** Trace times fall within this hour. */
    public static final Instant WINDOW_START = Instant.parse("2025-03-01T10:00:00Z");
    public static final long WINDOW_NANOS = 3_600_000_000_000L;

    private static final String[] SERVICES = {"frontend", "cart", "checkout", "payment", "shipping", "db", "auth",
            "recommendation", "ad", "currency", "email", "quote"};
    private static final String[] SPAN_NAMES = {"GET /", "POST /cart", "SELECT", "INSERT", "grpc.Charge", "render",
            "cache.get", "queue.publish", "queue.consume", "http.client", "validate", "serialize"};
    private static final String[] SCOPES = {"io.opentelemetry.http", "io.opentelemetry.grpc", "io.opentelemetry.jdbc",
            "manual", ""};
    /** Keys of generic attributes; none of them has a column of its own. */
    private static final String[] GENERIC_KEYS = {"host.name", "process.pid", "component", "db.statement", "peer.port",
            "retry", "ratio", "labels", "payload", "tags", "flags.on", "sizes", "weights", "user.id", "empty", "mixed",
            "nested"};
    private static final String[] RESOURCE_WELL_KNOWN = {"cluster", "namespace", "pod", "container", "k8s.cluster.name",
            "k8s.namespace.name", "k8s.pod.name", "k8s.container.name"};

    private final long seed;
    private final byte[][] ids;

    private SyntheticTraces(long seed, byte[][] ids) {
        this.seed = seed;
        this.ids = ids;
    }

    /**
     * {@code count} traces with distinct IDs (about a fifth of them 64-bit), in block order.
     */
    public static SyntheticTraces sorted(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        TreeMap<TraceId, byte[]> byPadded = new TreeMap<>();
        while (byPadded.size() < count) {
            byte[] raw = new byte[random.nextInt(5) == 0 ? 8 : 16];
            random.nextBytes(raw);
            if (raw[0] == 0) raw[0] = 1; // keeps the raw length visible in TraceIDText
            byPadded.putIfAbsent(TraceId.of(raw), raw);
        }
        return new SyntheticTraces(seed, byPadded.values().toArray(byte[][]::new));
    }

    public int count() {
        return ids.length;
    }

    /** Trace {@code index} in block order; the same seed and index always give the same trace. */
    public TracesData trace(int index) {
        return new TraceBuilder(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index), ids[index]).build();
    }

    public Iterator<TracesData> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < ids.length;
            }

            @Override
            public TracesData next() {
                if (!hasNext()) throw new NoSuchElementException();
                return trace(next++);
            }
        };
    }

    public List<TracesData> all() {
        List<TracesData> traces = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) traces.add(trace(i));
        return traces;
    }

    private static final class TraceBuilder {
        private final SplittableRandom r;
        private final ByteString traceId;
        private final ByteString paddedId;
        private final Set<ByteString> spanIds = new HashSet<>();
        private final List<ByteString> createdSpans = new ArrayList<>();
        private final long traceStart;

        TraceBuilder(SplittableRandom r, byte[] rawId) {
            this.r = r;
            this.traceId = ByteString.copyFrom(rawId);
            this.paddedId = ByteString.copyFrom(TraceId.of(rawId).bytes());
            this.traceStart = WINDOW_START.getEpochSecond() * 1_000_000_000L + r.nextLong(WINDOW_NANOS - 60_000_000_000L);
        }

        TracesData build() {
            int resources = 1 + r.nextInt(3);
            int spansLeft = 1 + r.nextInt(r.nextInt(4) == 0 ? 60 : 12);
            boolean orphan = r.nextInt(20) == 0; // first span has a parent outside the trace: no root
            TracesData.Builder trace = TracesData.newBuilder();
            Resource previous = null;
            for (int i = 0; i < resources; i++) {
                // one in eight resources repeats the previous one exactly: Tempo merges them on write
                Resource resource = previous != null && r.nextInt(8) == 0 ? previous : resource();
                ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(resource);
                if (r.nextInt(3) == 0) rs.setSchemaUrl("https://opentelemetry.io/schemas/1.21.0");
                int scopes = 1 + r.nextInt(2);
                InstrumentationScope previousScope = null;
                for (int j = 0; j < scopes; j++) {
                    ScopeSpans.Builder ss = ScopeSpans.newBuilder();
                    if (r.nextInt(4) == 0) ss.setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
                    if (previousScope != null && r.nextInt(6) == 0) ss.setScope(previousScope);
                    else if (r.nextInt(12) != 0) ss.setScope(scope()); // else: no scope, read back as an empty one
                    previousScope = ss.hasScope() ? ss.getScope() : null;
                    boolean last = i == resources - 1 && j == scopes - 1;
                    int spans = last ? spansLeft : Math.min(spansLeft, 1 + r.nextInt(6));
                    spansLeft -= spans;
                    for (int s = 0; s < spans; s++) ss.addSpans(span(orphan && createdSpans.isEmpty()));
                    rs.addScopeSpans(ss);
                }
                previous = resource;
                trace.addResourceSpans(rs);
            }
            return trace.build();
        }

        private Resource resource() {
            Resource.Builder resource = Resource.newBuilder();
            List<KeyValue> attributes = new ArrayList<>();
            int serviceCase = r.nextInt(40);
            if (serviceCase == 0) {
                attributes.add(kv("service.name", AnyValue.newBuilder().setIntValue(7).build())); // stays generic
            } else if (serviceCase != 1) { // 1: no service.name at all
                attributes.add(string("service.name", SERVICES[r.nextInt(SERVICES.length)]));
            }
            for (String key : RESOURCE_WELL_KNOWN) {
                if (r.nextBoolean()) continue;
                attributes.add(r.nextInt(25) == 0 ? kv(key, AnyValue.newBuilder().setBoolValue(true).build())
                        : string(key, key.replace('.', '-') + "-" + r.nextInt(50)));
            }
            if (r.nextInt(4) != 0) {
                attributes.add(r.nextInt(20) == 0 ? kv("ip", AnyValue.newBuilder().setIntValue(r.nextInt()).build())
                        : string("ip", "10.0." + r.nextInt(256) + "." + r.nextInt(256)));
            }
            if (r.nextBoolean()) attributes.add(string("host.arch", r.nextBoolean() ? "amd64" : "arm64"));
            genericAttributes(attributes, r.nextInt(4));
            shuffle(attributes);
            resource.addAllAttributes(attributes);
            if (r.nextInt(10) == 0) resource.setDroppedAttributesCount(1 + r.nextInt(5));
            return resource.build();
        }

        private InstrumentationScope scope() {
            InstrumentationScope.Builder scope = InstrumentationScope.newBuilder()
                    .setName(SCOPES[r.nextInt(SCOPES.length)]);
            if (r.nextBoolean()) scope.setVersion("1." + r.nextInt(20) + ".0");
            List<KeyValue> attributes = new ArrayList<>();
            genericAttributes(attributes, r.nextInt(3));
            scope.addAllAttributes(attributes);
            if (r.nextInt(10) == 0) scope.setDroppedAttributesCount(r.nextInt(4));
            return scope.build();
        }

        private Span span(boolean orphan) {
            ByteString spanId = newSpanId();
            Span.Builder span = Span.newBuilder().setTraceId(traceId).setSpanId(spanId)
                    .setName(SPAN_NAMES[r.nextInt(SPAN_NAMES.length)])
                    .setKindValue(r.nextInt(6));
            long start;
            if (orphan) {
                span.setParentSpanId(randomSpanId());
                start = traceStart;
            } else if (createdSpans.isEmpty() || r.nextInt(25) == 0) {
                start = traceStart + (createdSpans.isEmpty() ? 0 : r.nextLong(1_000_000_000L)); // a (second) root
            } else {
                span.setParentSpanId(createdSpans.get(r.nextInt(createdSpans.size())));
                start = traceStart + r.nextLong(5_000_000_000L);
            }
            long duration = r.nextInt(30) == 0 ? 0 : r.nextLong(2_000_000_000L);
            span.setStartTimeUnixNano(start).setEndTimeUnixNano(start + duration);
            if (r.nextInt(4) == 0) span.setTraceState("vendor=" + r.nextInt(100));
            if (r.nextInt(3) == 0) span.setFlags(r.nextInt(0x300)); // not stored by Tempo
            int statusCase = r.nextInt(10);
            if (statusCase < 3) {
                // no status: comes back as an empty one
            } else if (statusCase < 5) {
                span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                        .setMessage(r.nextBoolean() ? "" : "failed: " + r.nextInt(1000)));
            } else {
                span.setStatus(Status.newBuilder().setCodeValue(r.nextInt(2)));
            }
            List<KeyValue> attributes = new ArrayList<>();
            if (r.nextInt(3) == 0) {
                attributes.add(r.nextInt(15) == 0 ? kv("http.method", AnyValue.newBuilder().setIntValue(1).build())
                        : string("http.method", r.nextBoolean() ? "GET" : "POST"));
                attributes.add(string("http.url", "https://shop.example/" + r.nextInt(200)));
                attributes.add(r.nextInt(15) == 0 ? string("http.status_code", "200")
                        : kv("http.status_code", AnyValue.newBuilder().setIntValue(200 + 100 * r.nextInt(4)).build()));
            }
            if (r.nextBoolean()) attributes.add(string("instance", "pod-" + r.nextInt(30)));
            if (r.nextBoolean()) {
                attributes.add(r.nextInt(10) == 0 ? kv("version", AnyValue.newBuilder().setDoubleValue(1.5).build())
                        : string("version", "v" + r.nextInt(60)));
            }
            if (r.nextInt(3) == 0) attributes.add(string("region", r.nextBoolean() ? "us-east-1" : ""));
            genericAttributes(attributes, r.nextInt(5));
            shuffle(attributes);
            span.addAllAttributes(attributes);
            if (r.nextInt(10) == 0) span.setDroppedAttributesCount(1 + r.nextInt(3));
            int events = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
            for (int e = 0; e < events; e++) {
                List<KeyValue> eventAttributes = new ArrayList<>();
                genericAttributes(eventAttributes, r.nextInt(3));
                Span.Event.Builder event = Span.Event.newBuilder().setName(r.nextBoolean() ? "exception" : "log")
                        .setTimeUnixNano(start + (duration == 0 ? 0 : r.nextLong(duration))).addAllAttributes(eventAttributes);
                if (r.nextInt(8) == 0) event.setDroppedAttributesCount(1 + r.nextInt(2));
                span.addEvents(event);
            }
            if (r.nextInt(12) == 0) span.setDroppedEventsCount(1 + r.nextInt(3));
            int links = r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0;
            for (int l = 0; l < links; l++) span.addLinks(link(!span.getParentSpanId().isEmpty()));
            if (r.nextInt(12) == 0) span.setDroppedLinksCount(1 + r.nextInt(3));
            createdSpans.add(spanId);
            return span.build();
        }

        /** A link; on a parentless span it sometimes says {@code child_of} this trace, which makes the span no root. */
        private Span.Link link(boolean hasParent) {
            List<KeyValue> attributes = new ArrayList<>();
            Span.Link.Builder link = Span.Link.newBuilder();
            if (!hasParent && r.nextInt(3) == 0) {
                link.setTraceId(paddedId).setSpanId(randomSpanId());
                attributes.add(string("opentracing.ref_type", "child_of"));
            } else {
                byte[] other = new byte[16];
                r.nextBytes(other);
                link.setTraceId(ByteString.copyFrom(other)).setSpanId(randomSpanId());
                if (r.nextInt(4) == 0) attributes.add(string("opentracing.ref_type", "follows_from"));
            }
            if (r.nextInt(3) == 0) link.setTraceState("t=" + r.nextInt(9));
            if (r.nextBoolean()) link.setFlags(1 + r.nextInt(0x200)); // not stored by Tempo
            genericAttributes(attributes, r.nextInt(3));
            if (r.nextInt(8) == 0) link.setDroppedAttributesCount(1 + r.nextInt(2));
            return link.addAllAttributes(attributes).build();
        }

        /** {@code count} attributes with distinct generic keys (none of them clashes with a column). */
        private void genericAttributes(List<KeyValue> out, int count) {
            Set<String> used = new HashSet<>();
            for (KeyValue kv : out) used.add(kv.getKey());
            for (int i = 0; i < count; i++) {
                String key = GENERIC_KEYS[r.nextInt(GENERIC_KEYS.length)];
                if (used.add(key)) out.add(kv(key, anyValue(2)));
            }
        }

        /** Every {@code AnyValue} shape: the four scalars, typed arrays, empty and mixed arrays, kvlists, bytes, nothing. */
        private AnyValue anyValue(int depth) {
            AnyValue.Builder value = AnyValue.newBuilder();
            switch (r.nextInt(depth > 0 ? 14 : 5)) {
                case 0 -> value.setStringValue(r.nextInt(10) == 0 ? "" : "s" + r.nextInt(1000));
                case 1 -> value.setIntValue(switch (r.nextInt(6)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    default -> r.nextLong(-1_000_000, 1_000_000);
                });
                case 2 -> value.setDoubleValue(r.nextInt(8) == 0 ? -0.0 : r.nextDouble(-1e6, 1e6));
                case 3 -> value.setBoolValue(r.nextBoolean());
                case 4 -> value.setBytesValue(bytes(r.nextInt(12)));
                case 5 -> value.setArrayValue(typedArray(() -> AnyValue.newBuilder().setStringValue("e" + r.nextInt(9)).build()));
                case 6 -> value.setArrayValue(typedArray(() -> AnyValue.newBuilder().setIntValue(r.nextLong(-99, 99)).build()));
                case 7 -> value.setArrayValue(typedArray(() -> AnyValue.newBuilder().setDoubleValue(r.nextInt(100) / 4.0).build()));
                case 8 -> value.setArrayValue(typedArray(() -> AnyValue.newBuilder().setBoolValue(r.nextBoolean()).build()));
                case 9 -> value.setArrayValue(ArrayValue.getDefaultInstance()); // empty array
                case 10 -> value.setArrayValue(ArrayValue.newBuilder() // mixed: first scalar, then another type
                        .addValues(AnyValue.newBuilder().setBoolValue(true)).addValues(AnyValue.newBuilder().setIntValue(1)));
                case 11 -> {
                    KeyValueList.Builder list = KeyValueList.newBuilder();
                    for (int i = 0, n = r.nextInt(3); i < n; i++) list.addValues(kv("k" + i, anyValue(depth - 1)));
                    value.setKvlistValue(list);
                }
                case 12 -> value.setArrayValue(ArrayValue.newBuilder().addValues(anyValue(depth - 1)).addValues(anyValue(depth - 1)));
                default -> {
                    // no value set
                }
            }
            return value.build();
        }

        private ArrayValue typedArray(java.util.function.Supplier<AnyValue> element) {
            ArrayValue.Builder array = ArrayValue.newBuilder();
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) array.addValues(element.get());
            return array.build();
        }

        private ByteString newSpanId() {
            ByteString id;
            do {
                id = randomSpanId();
            } while (!spanIds.add(id));
            return id;
        }

        private ByteString randomSpanId() {
            return bytes(8);
        }

        private ByteString bytes(int length) {
            byte[] bytes = new byte[length];
            r.nextBytes(bytes);
            return ByteString.copyFrom(bytes);
        }

        private void shuffle(List<KeyValue> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                list.set(j, list.set(i, list.get(j)));
            }
        }
    }

    static KeyValue string(String key, String value) {
        return kv(key, AnyValue.newBuilder().setStringValue(value).build());
    }

    static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /** The trace ID of a generated trace as its spans carry it (8 or 16 bytes). */
    static byte[] rawTraceId(TracesData trace) {
        for (ResourceSpans rs : trace.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) return span.getTraceId().toByteArray();
            }
        }
        throw new IllegalArgumentException("a trace without spans has no ID");
    }
}
