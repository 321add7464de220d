package io.pqflux.otap.receiver;

import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * OTLP/HTTP export of rebuilt batches (e.g. to an OpenTelemetry Collector): each batch is one protobuf POST to {@code
 * <endpoint>/v1/logs}, {@code /v1/traces} or {@code /v1/metrics} with {@code Content-Type: application/x-protobuf},
 * retried with exponential backoff on 5xx and 429 answers and on connection errors and timeouts; any other non-2xx
 * answer fails the delivery at once.
 *
 * <p><b>At-least-once</b>: the receiver records a batch in its checkpoint only after the 2xx, so a crash between the
 * endpoint's acceptance and the checkpoint write sends the batch again after a restart, and the endpoint sees it twice.
 * An endpoint cannot be asked to forget a request, so exactly-once is not possible here; use {@link FileSink} for that.
 *
 * <p>Uses the JDK's asynchronous HTTP client: no thread blocks while a request is in flight.
 */
public final class OtlpHttpSink implements ReceiverSink {

    /** Attempts after the first failure before the delivery fails. */
    public static final int DEFAULT_RETRIES = 5;
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final int retries;
    private final Duration firstBackoff;
    private final HttpClient client;

    private OtlpHttpSink(URI endpoint, int retries, Duration firstBackoff) {
        this.endpoint = endpoint;
        this.retries = retries;
        this.firstBackoff = firstBackoff;
        this.client = HttpClient.newBuilder().connectTimeout(DEFAULT_REQUEST_TIMEOUT).build();
    }

    /** A sink posting to {@code endpoint} (e.g. {@code http://localhost:4318}) with the default retries. */
    public static OtlpHttpSink to(URI endpoint) {
        return to(endpoint, DEFAULT_RETRIES, DEFAULT_FIRST_BACKOFF);
    }

    /** A sink posting to {@code endpoint}, retrying {@code retries} times with backoff doubling from {@code firstBackoff}. */
    public static OtlpHttpSink to(URI endpoint, int retries, Duration firstBackoff) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("not an http(s) endpoint: " + endpoint);
        }
        if (retries < 0) throw new IllegalArgumentException("retries " + retries + " < 0");
        return new OtlpHttpSink(endpoint, retries, Objects.requireNonNull(firstBackoff, "firstBackoff"));
    }

    /** The URL a signal is posted to: the endpoint with {@code /v1/logs}, {@code /v1/traces} or {@code /v1/metrics}. */
    public URI url(Signal signal) {
        String base = endpoint.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/v1/" + signal.name().toLowerCase(Locale.ROOT));
    }

    /** Nothing to prepare: an endpoint has no length to go back to. */
    @Override
    public void start(long committedLength) {
    }

    /** Posts the batch; completes with 0 after a 2xx. */
    @Override
    public Mono<Long> deliver(ReplayedBatch<?> batch) {
        URI url = url(batch.signal());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(DEFAULT_REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                // the batch's encoding as the replay wrote it (no message objects), once per attempt
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        JdkFlowAdapter.publisherToFlowPublisher(Mono.fromSupplier(batch::encoded)),
                        batch.serializedSize()))
                .build();
        String what = "POST " + url + " (" + batch.records() + " records of " + batch.position().rootFile() + ")";
        return Mono.defer(() -> Mono.fromFuture(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())))
                .flatMap(response -> answer(response, what))
                .retryWhen(Retry.backoff(retries, firstBackoff).filter(OtlpHttpSink::retryable)
                        .onRetryExhaustedThrow((spec, signal) -> new ReceiverException(what + ": failed after "
                                + (retries + 1) + " attempts: " + cause(signal.failure()), signal.failure())));
    }

    /**
     * The last failure in words: the HTTP client's connection errors carry no message ({@code ConnectException:
     * null}), so those are named by what they mean.
     */
    private static String cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case ConnectException c -> {
                    return "connection refused" + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
                }
                case HttpConnectTimeoutException c -> {
                    return "connect timed out";
                }
                case HttpTimeoutException h -> {
                    return "no answer within " + DEFAULT_REQUEST_TIMEOUT.toSeconds() + " s";
                }
                case UnresolvedAddressException u -> {
                    return "unknown host";
                }
                case UnknownHostException u -> {
                    return "unknown host " + u.getMessage();
                }
                default -> {
                    if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
                }
            }
        }
        return "connection failed";
    }

    private static Mono<Long> answer(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status / 100 == 2) return Mono.just(0L);
        String message = what + ": HTTP " + status + (response.body().isBlank() ? "" : " " + abbreviated(response.body()));
        return Mono.error(status / 100 == 5 || status == 429 ? new RetryableAnswer(message) : new ReceiverException(message));
    }

    private static String abbreviated(String body) {
        String line = body.strip().replaceAll("\\R", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static boolean retryable(Throwable e) {
        return e instanceof RetryableAnswer || e instanceof IOException;
    }

    /** A 5xx or 429 answer, retried. */
    private static final class RetryableAnswer extends RuntimeException {
        RetryableAnswer(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
