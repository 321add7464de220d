package io.pqflux.storage.azure.testkit;

import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.RetryPolicy;
import io.pqflux.storage.azure.AzureStorage;
import io.pqflux.storage.http.HttpSettings;
import io.pqflux.storage.http.testkit.ObjectServer;
import io.pqflux.storage.azure.AzureConfig;
import io.pqflux.storage.azure.AzureCredentials;
import io.pqflux.storage.azure.internal.BlobAddressing;
import io.pqflux.storage.azure.internal.SharedKeySigner;
import io.pqflux.storage.http.RequestTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Azure Blob service for tests: Azurite (Microsoft's emulator, npm package {@code azurite}) started as a child
 * process on 127.0.0.1 at a free port, in memory, checking Shared Key signatures with its well-known development
 * account. Blobs are put with plain {@code java.net.http} requests. Azurite is found at {@code $PQFLUX_AZURITE} (the
 * {@code azurite-blob} launcher), else under {@code ~/.cache/pqflux/azurite-VERSION}, where {@code .ci/test-tools} (the
 * first half of the README's test command) installs it. In the module's test-jar for the modules whose tests read
 * through Azure.
 */
public final class LocalAzurite implements ObjectServer {

    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's documented development key (public, like the account name). */
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** The version {@code .ci/test-tools} installs (the last release that runs on Node 20). */
    public static final String VERSION = "3.35.0";

    private static final Pattern LISTENING = Pattern.compile("Blob service (?:is )?successfully listens on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path location;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SharedKeySigner signer = new SharedKeySigner(ACCOUNT, KEY, Clock.systemUTC());
    private AzureStorage shared;

    public LocalAzurite() throws IOException, InterruptedException {
        Path launcher = launcher();
        location = Files.createTempDirectory("pqflux-azurite");
        process = new ProcessBuilder(launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--inMemoryPersistence", "--extentMemoryLimit", "512",
                "--skipApiVersionCheck", "--loose", "--disableTelemetry")
                // its debug log and config files land in the working directory
                .directory(location.toFile())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) listening.complete(Integer.parseInt(m.group(1)));
                    else if (!listening.isDone() && output.length() < 8192) output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended; the start check below reports it
            }
            listening.completeExceptionally(new IllegalStateException("Azurite exited: " + output));
        }, "azurite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Azurite did not start within " + START_TIMEOUT + ": " + output, e);
        }
    }

    /** The {@code azurite-blob} launcher: {@code $PQFLUX_AZURITE}, else where {@code .ci/test-tools} installs it. */
    private static Path launcher() {
        String configured = System.getenv("PQFLUX_AZURITE");
        Path launcher = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "pqflux", "azurite-" + VERSION, "node_modules", ".bin", "azurite-blob");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("the Azure tests need Azurite at " + launcher + ": run 'sh .ci/test-tools' (the "
                    + "README's test command does), or set PQFLUX_AZURITE to an azurite-blob launcher");
        }
        return launcher;
    }

    @Override
    public String scheme() {
        return "az";
    }

    @Override
    public synchronized ObjectStore store(String container, String prefix) {
        if (shared == null) shared = AzureStorage.create(config().withListPageSize(7));
        return shared.store(container, prefix);
    }

    @Override
    public ObjectStore storeVia(URI root, String container, String prefix, HttpSettings transfer) {
        return AzureStorage.create(configFor(endpointVia(root)).withTransfer(transfer)).ownedStore(container, prefix);
    }

    @Override
    public int port() {
        return port;
    }

    /** The Blob service endpoint: the account is the first path segment, as with every emulator. */
    public URI endpoint() {
        return endpointVia(URI.create("http://127.0.0.1:" + port));
    }

    /** The endpoint through another server root (a fault-injecting proxy in front of this one). */
    public static URI endpointVia(URI root) {
        return URI.create(root.toString().replaceAll("/$", "") + "/" + ACCOUNT);
    }

    @Override
    public void createContainer(String container) {
        send("PUT", new BlobAddressing(endpoint(), null).container(container, Map.of("restype", "container")),
                Map.of("restype", "container"), Map.of(), new byte[0], 201);
    }

    /** Puts (or replaces) a block blob; a replacement gets a new ETag. */
    @Override
    public void put(String container, String blob, byte[] bytes) {
        send("PUT", new BlobAddressing(endpoint(), null).blob(container, blob), Map.of(),
                Map.of("x-ms-blob-type", "BlockBlob", "Content-Length", Integer.toString(bytes.length)), bytes, 201);
    }

    private void send(String method, RequestTarget target, Map<String, String> query, Map<String, String> headers,
            byte[] body, int expected) {
        try {
            HttpResponse<String> response;
            try {
                response = http.send(signed(method, target, query, headers, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException closed) {
                // Azurite (Node) closes a keep-alive connection idle for 5 s; the client may have sent on it just as
                // it closed, and gets no response ("header parser received no bytes"): once more, on a new one
                response = http.send(signed(method, target, query, headers, body), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + target.uri() + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest signed(String method, RequestTarget target, Map<String, String> query, Map<String, String> headers,
            byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri()).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        signer.signNow(method, target, query, headers).forEach((name, values) -> {
            // java.net.http sets Content-Length itself (and refuses it as a header); it is signed all the same
            if (!name.equalsIgnoreCase("Content-Length")) values.forEach(value -> request.header(name, value));
        });
        return request.build();
    }

    /** This server's account and key, and quick retries for tests. */
    public AzureConfig config() {
        return configFor(endpoint());
    }

    /** The same through another endpoint (see {@link #endpointVia}). */
    public static AzureConfig configFor(URI endpoint) {
        return AzureConfig.of(ACCOUNT, AzureCredentials.sharedKey(KEY))
                .withEndpoint(endpoint)
                .withTransfer(t -> t.withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)))
                        .withRequestTimeout(Duration.ofSeconds(5)));
    }

    /** The settings {@code ObjectStores.open("az://…", settings)} takes for this server. */
    public Map<String, String> settings() {
        return Map.of("account", ACCOUNT, "account-key", KEY, "endpoint", endpoint().toString());
    }

    @Override
    public synchronized void close() {
        if (shared != null) shared.close();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(location)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
