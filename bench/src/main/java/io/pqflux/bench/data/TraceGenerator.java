package io.pqflux.bench.data;

import java.util.HexFormat;
import java.util.SplittableRandom;

/** The traces of {@link TempoShapedFile}, ascending by trace id like Tempo's blocks. */
final class TraceGenerator implements RecordSource {

    private static final String[] SERVICES = {"frontend", "cartservice", "checkoutservice", "currencyservice",
        "emailservice", "paymentservice", "productcatalogservice", "recommendationservice", "shippingservice",
        "adservice", "loadgenerator", "redis"};
    private static final String[] OPERATIONS = {"/cart", "/product", "/checkout", "/GetProducts", "/GetCart",
        "/PlaceOrder", "/Convert", "/Charge", "/GetQuote", "/ShipOrder", "/GetAds", "HGET", "HSET", "/SendOrderConfirmation"};
    private static final String[] SPAN_KEYS = {"http.route", "db.statement", "net.peer.name", "rpc.method",
        "messaging.system", "user.id", "retry.count", "cache.hit", "payload.size", "sampler.param"};
    private static final String[] RESOURCE_KEYS = {"host.name", "service.version", "telemetry.sdk.language",
        "process.pid", "os.type"};
    private static final String[] EVENT_NAMES = {"exception", "message", "retry", "cache.miss"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};

    private final SplittableRandom random;
    private long traceIdHigh;
    private byte[] traceId;
    private long traceStart;
    private int spanCounter;

    TraceGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void writeNext(RecordEmitter out) {
        traceIdHigh += 1 + random.nextInt(1 << 20);
        traceId = new byte[16];
        putLong(traceId, 0, traceIdHigh);
        putLong(traceId, 8, random.nextLong());
        traceStart = 1_656_933_000_000_000_000L + traceIdHigh;
        long duration = 1_000_000L + random.nextLong(2_000_000_000L);
        int resourceCount = 1 + random.nextInt(6);
        int[] services = new int[resourceCount];
        for (int i = 0; i < resourceCount; i++) services[i] = i == 0 ? 0 : 1 + random.nextInt(SERVICES.length - 1);
        spanCounter = 0;

        out.bytes("TraceID", traceId);
        out.string("TraceIDText", HexFormat.of().formatHex(traceId).replaceFirst("^0+", ""));
        out.int64("StartTimeUnixNano", traceStart);
        out.int64("EndTimeUnixNano", traceStart + duration);
        out.int64("DurationNano", duration);
        out.string("RootServiceName", SERVICES[0]);
        out.string("RootSpanName", OPERATIONS[random.nextInt(3)]);
        out.list("ServiceStats", "key_value", resourceCount, k -> {
            out.string("key", SERVICES[services[k]]);
            out.group("value", () -> {
                out.int32("SpanCount", 1 + random.nextInt(4));
                out.int32("ErrorCount", random.nextInt(20) == 0 ? 1 : 0);
            });
        });
        out.list("rs", resourceCount, k -> out.group("element", () -> resourceSpans(out, services[k])));
    }

    private void resourceSpans(RecordEmitter out, int service) {
        out.group("Resource", () -> {
            attributes(out, 2 + random.nextInt(4), RESOURCE_KEYS);
            out.int32("DroppedAttributesCount", 0);
            out.string("ServiceName", SERVICES[service]);
            boolean k8s = random.nextInt(4) != 0;
            String pod = k8s ? SERVICES[service] + "-" + Integer.toHexString(random.nextInt(1 << 16)) : null;
            out.optionalString("Cluster", k8s ? "prod-1" : null);
            out.optionalString("Namespace", k8s ? "shop" : null);
            out.optionalString("Pod", pod);
            out.optionalString("Container", k8s ? SERVICES[service] : null);
            out.optionalString("K8sClusterName", k8s ? "prod-1" : null);
            out.optionalString("K8sNamespaceName", k8s ? "shop" : null);
            out.optionalString("K8sPodName", pod);
            out.optionalString("K8sContainerName", k8s ? SERVICES[service] : null);
            out.group("DedicatedAttributes", () -> {
                out.optionalString("String01", "10.0." + random.nextInt(4) + "." + random.nextInt(256));
                out.optionalString("String02", random.nextBoolean() ? REGIONS[random.nextInt(REGIONS.length)] : null);
            });
        });
        out.list("ss", 1 + (random.nextInt(10) == 0 ? 1 : 0), s -> out.group("element", () -> {
            out.group("Scope", () -> {
                out.string("Name", s == 0 ? "io.opentelemetry.http" : "io.opentelemetry.db");
                out.string("Version", "1." + random.nextInt(3) + ".0");
                attributes(out, random.nextInt(10) == 0 ? 1 : 0, SPAN_KEYS);
                out.int32("DroppedAttributesCount", 0);
            });
            out.list("Spans", 1 + random.nextInt(4), k -> out.group("element", () -> span(out)));
        }));
    }

    private void span(RecordEmitter out) {
        int index = spanCounter++;
        byte[] spanId = new byte[8];
        putLong(spanId, 0, index == 0 ? traceIdFromLow() : random.nextLong());
        long start = traceStart + random.nextLong(1_000_000_000L);
        long duration = 10_000L + random.nextLong(500_000_000L);
        boolean error = random.nextInt(50) == 0;
        out.bytes("SpanID", spanId);
        out.bytes("ParentSpanID", index == 0 ? new byte[0] : randomBytes(8));
        out.int32("ParentID", index == 0 ? -1 : random.nextInt(index));
        out.int32("NestedSetLeft", 2 * index + 1);
        out.int32("NestedSetRight", 2 * index + 2);
        out.string("Name", OPERATIONS[random.nextInt(OPERATIONS.length)]);
        out.int64("Kind", 1 + random.nextInt(5));
        out.string("TraceState", random.nextInt(20) == 0 ? "rojo=00f067aa0ba902b7" : "");
        out.int64("StartTimeUnixNano", start);
        out.int64("DurationNano", duration);
        out.int64("StatusCode", error ? 2 : random.nextInt(3) == 0 ? 1 : 0);
        out.string("StatusMessage", error ? "deadline exceeded" : "");
        attributes(out, random.nextInt(7), SPAN_KEYS);
        out.int32("DroppedAttributesCount", random.nextInt(100) == 0 ? 2 : 0);
        out.list("Events", random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0, k -> out.group("element", () -> {
            out.int64("TimeSinceStartNano", random.nextLong(duration));
            out.string("Name", EVENT_NAMES[random.nextInt(EVENT_NAMES.length)]);
            attributes(out, random.nextInt(3), SPAN_KEYS);
            out.int32("DroppedAttributesCount", 0);
        }));
        out.int32("DroppedEventsCount", 0);
        out.list("Links", random.nextInt(20) == 0 ? 1 : 0, k -> out.group("element", () -> {
            out.bytes("TraceID", randomBytes(16));
            out.bytes("SpanID", randomBytes(8));
            out.string("TraceState", "");
            attributes(out, random.nextInt(2), SPAN_KEYS);
            out.int32("DroppedAttributesCount", 0);
        }));
        out.int32("DroppedLinksCount", 0);
        boolean http = random.nextInt(3) != 0;
        out.optionalString("HttpMethod", http ? METHODS[random.nextInt(METHODS.length)] : null);
        out.optionalString("HttpUrl", http ? "http://shop.local" + OPERATIONS[random.nextInt(5)] : null);
        if (http) out.int64("HttpStatusCode", error ? 503 : 200);
        out.group("DedicatedAttributes", () -> {
            out.optionalString("String01", "instance-" + random.nextInt(40));
            out.optionalString("String02", random.nextInt(10) != 0 ? "v1." + random.nextInt(5) : null);
            out.optionalString("String03", random.nextInt(10) != 0 ? REGIONS[random.nextInt(REGIONS.length)] : null);
        });
    }

    /** Attributes of every kind: mostly single strings, then ints, doubles, bools, arrays and unsupported values. */
    private void attributes(RecordEmitter out, int count, String[] keys) {
        out.list("Attrs", count, k -> out.group("element", () -> {
            int kind = random.nextInt(20);
            boolean array = kind == 18;
            int values = array ? 2 + random.nextInt(3) : 1;
            out.string("Key", keys[random.nextInt(keys.length)]);
            out.bool("IsArray", array);
            out.list("Value", kind < 10 || array ? values : 0, v -> out.string("element", "value-" + random.nextInt(500)));
            out.list("ValueInt", kind >= 10 && kind < 14 ? 1 : 0, v -> out.int64("element", random.nextLong(100_000)));
            out.list("ValueDouble", kind >= 14 && kind < 16 ? 1 : 0, v -> out.float64("element", random.nextDouble() * 1000));
            out.list("ValueBool", kind >= 16 && kind < 18 ? 1 : 0, v -> out.bool("element", random.nextBoolean()));
            out.optionalString("ValueUnsupported", kind == 19 ? "{\"kvlistValue\":{\"values\":[{\"key\":\"a\",\"value\":{\"intValue\":\""
                    + random.nextInt(1000) + "\"}}]}}" : null);
        }));
    }

    /** The root span's id is the trace id's low half (the Jaeger convention Tempo's test block shows). */
    private long traceIdFromLow() {
        long low = 0;
        for (int i = 8; i < 16; i++) low = (low << 8) | (traceId[i] & 0xFF);
        return low;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) bytes[i] = (byte) random.nextInt(256);
        return bytes;
    }

    private static void putLong(byte[] target, int offset, long value) {
        for (int i = 0; i < 8; i++) target[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
}
