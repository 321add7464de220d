package io.pqflux.tempo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.pqflux.storage.ObjectStore;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's request handling from untrusted clients, over loopback against the bundled blocks: HTTP requests
 * whose target (path and query parameters) and headers are arbitrary, and gRPC messages of arbitrary bytes to each
 * {@code tempopb.StreamingQuerier} method. Every request gets an answer within the client's time limit, and no answer
 * is an internal error: a 500 (HTTP) or INTERNAL/UNKNOWN (gRPC) means a request reached code that failed untyped.
 * Refusals that bound the work (429, 503, 504) are answers. Memory: the input's size plus the blocks a query reads.
 */
class TempoServerFuzzTest {

    /** Every request may read the served blocks (about 250 KB) whole, a few times over, as a search does. */
    private static final long SERVED_BYTES = 256 << 10;
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(1024);
    private static final int CLIENT_TIMEOUT_MILLIS = 20_000;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) .*");
    private static final Set<Integer> BOUNDED_REFUSALS = Set.of(429, 503, 504);
    /** Headers that frame the message or the connection: the fuzzed request must stay one complete request. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "host", "expect", "upgrade", "te", "trailer");
    private static final List<String> GRPC_METHODS = List.of("Search", "SearchTags", "SearchTagsV2", "SearchTagValues",
            "SearchTagValuesV2", "MetricsQueryRange", "MetricsQueryInstant");

    @TempDir
    static Path dir;
    private static ObjectStore store;
    private static TempoServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws InterruptedException {
        store = ServedBlocks.store(dir);
        // short query timeout: a fuzzed query that would scan for long is cut off (504) within the client's limit
        server = TempoServer.start(store, TempoServerOptions.defaults().withListen("127.0.0.1", 0)
                .withQueryTimeout(Duration.ofSeconds(5)));
        TempoApiTest.awaitReady(server);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        // caches (footers, bloom shards, tenants) fill on first use and stay: fill them before any input is measured
        for (String warm : List.of("/api/search?q=%7B%7D", "/api/search/tags", "/api/traces/474be8b43449fb")) {
            exchange(("GET " + warm + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.close();
        store.close();
    }

    /**
     * Jazzer's SSRF detector reports every connection its policy does not allow; the clients here reach only the server
     * under test, on the port it bound. The policy belongs to the thread and is set per input: Jazzer's agent, which
     * holds it, is installed once the fuzz test starts, and a campaign runs its inputs on a thread of its own.
     */
    private static SilentCloseable allowConnectionsToTheServer() {
        return BugDetectors.allowNetworkConnections((host, port) -> port == server.port());
    }

    /**
     * Input, as ISO-8859-1 text: the first line is the request target (path and query), each further line a header
     * ({@code Name: value}; framing headers dropped). Sent as one GET with {@code Connection: close}.
     */
    @FuzzTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void httpRequest(byte[] input) {
        byte[] request = request(new String(input, StandardCharsets.ISO_8859_1));
        try (SilentCloseable _ = allowConnectionsToTheServer()) {
            INVARIANTS.check(input.length + SERVED_BYTES, () -> {
                int status = exchange(request);
                assertThat(status < 500 || BOUNDED_REFUSALS.contains(status))
                        .as("status %d for %s", status, new String(request, StandardCharsets.ISO_8859_1)).isTrue();
            });
        }
    }

    /** Input: byte 0 picks the method, byte 1's low bit whether a tenant header is sent, the rest is the message. */
    @FuzzTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void grpcMessage(byte[] input) {
        if (input.length < 2) return;
        String method = GRPC_METHODS.get((input[0] & 0xFF) % GRPC_METHODS.size());
        boolean tenantHeader = (input[1] & 1) != 0;
        byte[] message = Arrays.copyOfRange(input, 2, input.length);
        try (SilentCloseable _ = allowConnectionsToTheServer()) {
            INVARIANTS.check(input.length + SERVED_BYTES, () -> {
                Status.Code code = grpcCall(method, tenantHeader, message);
                assertThat(code).as("%s of %d bytes", method, message.length)
                        .isNotIn(Status.Code.INTERNAL, Status.Code.UNKNOWN);
            });
        }
    }

    private static byte[] request(String input) {
        String[] lines = input.split("\n", -1);
        StringBuilder head = new StringBuilder("GET ").append(stripLineBreaks(lines[0])).append(" HTTP/1.1\r\n");
        for (int i = 1; i < lines.length; i++) {
            String line = stripLineBreaks(lines[i]);
            int colon = line.indexOf(':');
            if (colon <= 0 || FRAMING_HEADERS.contains(line.substring(0, colon).strip().toLowerCase(Locale.ROOT))) continue;
            head.append(line).append("\r\n");
        }
        head.append("Host: fuzz\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String stripLineBreaks(String line) {
        return line.replace("\r", "");
    }

    /** Sends one request and reads the whole answer; returns its status. */
    private static int exchange(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), CLIENT_TIMEOUT_MILLIS);
            socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            String text = new String(answer, 0, Math.min(answer.length, 256), StandardCharsets.ISO_8859_1);
            Matcher status = STATUS_LINE.matcher(text.lines().findFirst().orElse(""));
            assertThat(status.matches()).as("an HTTP/1.1 status line, not %s", text).isTrue();
            return Integer.parseInt(status.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("no complete answer within " + CLIENT_TIMEOUT_MILLIS + " ms", e);
        }
    }

    private static Status.Code grpcCall(String method, boolean tenantHeader, byte[] message) {
        MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                .setFullMethodName("tempopb.StreamingQuerier/" + method)
                .setRequestMarshaller(RawBytes.INSTANCE)
                .setResponseMarshaller(RawBytes.INSTANCE)
                .build();
        Metadata headers = new Metadata();
        if (tenantHeader) headers.put(Metadata.Key.of("X-Scope-OrgID", Metadata.ASCII_STRING_MARSHALLER), "single-tenant");
        var intercepted = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        long started = System.nanoTime();
        try {
            ClientCalls.blockingServerStreamingCall(intercepted, descriptor,
                    CallOptions.DEFAULT.withDeadlineAfter(CLIENT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), message)
                    .forEachRemaining(response -> { });
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            // the server's own query timeout answers DEADLINE_EXCEEDED too, but well before the client's deadline
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("answered before the client's deadline")
                    .isLessThan(CLIENT_TIMEOUT_MILLIS);
            return e.getStatus().getCode();
        }
    }

    /** Messages as the bytes they are: the server, not the client, decides what they mean. */
    private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
