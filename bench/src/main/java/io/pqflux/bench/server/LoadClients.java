package io.pqflux.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a server on this machine: {@code clients} threads, each sending one request after another ({@link LoadMix})
 * through one JDK HTTP client (HTTP/1.1, connections kept alive: one per client thread), until the warm-up and the
 * measured time are over or {@code maxRequests} have been sent, whichever comes first; then the requests in flight are
 * answered (at most {@link #REQUEST_TIMEOUT} more). Every answer is checked ({@link LoadCall#check}).
 */
final class LoadClients {

    /** A request not answered by then fails; the server's own query timeout is as long. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final String tenant;
    private final LoadMix mix;

    LoadClients(URI base, String tenant, LoadMix mix) {
        this.base = base;
        this.tenant = tenant;
        this.mix = mix;
    }

    LoadResults run(int clients, Duration warmup, Duration measured, long maxRequests) throws InterruptedException {
        long start = System.nanoTime();
        long stop = start + warmup.toNanos() + measured.toNanos();
        LoadResults results = new LoadResults(start + warmup.toNanos(), stop);
        AtomicLong sequence = new AtomicLong();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            ExecutorService threads = Executors.newFixedThreadPool(clients, Thread.ofPlatform().name("load-client-", 0).factory());
            for (int c = 0; c < clients; c++) {
                threads.execute(() -> {
                    for (long n; System.nanoTime() < stop && (n = sequence.getAndIncrement()) < maxRequests; ) {
                        LoadCall call = mix.call(n);
                        long sent = System.nanoTime();
                        String problem = ask(http, call);
                        results.record(call.kind(), sent, System.nanoTime(), problem);
                    }
                });
            }
            threads.shutdown();
            long bound = stop - System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(10).toNanos();
            if (!threads.awaitTermination(bound, TimeUnit.NANOSECONDS)) {
                threads.shutdownNow();
                throw new IllegalStateException("the clients did not finish within " + REQUEST_TIMEOUT
                        + " of the end of the run");
            }
        }
        return results;
    }

    /** Sends {@code call}; null when its answer is right, else what is wrong. */
    private String ask(HttpClient http, LoadCall call) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(call.pathAndQuery())).timeout(REQUEST_TIMEOUT)
                .header("X-Scope-OrgID", tenant).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode() + " for " + call.pathAndQuery() + ": " + AnswerJson.quote(response.body());
            }
            return call.check().apply(AnswerJson.parse(response.body()));
        } catch (IOException | RuntimeException e) {
            return e + " for " + call.pathAndQuery();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
