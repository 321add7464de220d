package io.pqflux.storage.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 between the client and a server, for fault injection: when a response starts, it
 * may (with probability {@code faultRate}) reset the connection, cut the response short after a random number of
 * bytes, hold it back for {@code stall} before going on, or drop it (never answer). It can also add
 * {@code latency} before every response, to stand in for a distant server. Plain blocking sockets on virtual
 * threads; it knows nothing of HTTP beyond "bytes from the client start a response". In the module's test-jar
 * (package {@code testkit}) for the bench module, which uses it to add latency.
 */
public final class FaultyProxy implements AutoCloseable {

    public enum Fault { RESET, TRUNCATE, STALL, DROP }

    private final InetSocketAddress upstream;
    private final double faultRate;
    private final List<Fault> faults;
    private final Duration stall;
    private final Duration latency;
    private final Random random;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap.KeySetView<Socket, Boolean> open = ConcurrentHashMap.newKeySet();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);

    public FaultyProxy(int upstreamPort, double faultRate, List<Fault> faults, Duration stall, Duration latency, long seed)
            throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.faultRate = faultRate;
        this.faults = List.copyOf(faults);
        this.stall = stall;
        this.latency = latency;
        this.random = new Random(seed);
        for (Fault fault : Fault.values()) injected.put(fault, new AtomicLong());
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** Only adds latency before each response. */
    public static FaultyProxy withLatency(int upstreamPort, Duration latency) throws IOException {
        return new FaultyProxy(upstreamPort, 0, List.of(), Duration.ZERO, latency, 0);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public long faultsInjected() {
        return injected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How often each fault was injected. */
    public String faultCounts() {
        return injected.toString();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket backend = new Socket(upstream.getAddress(), upstream.getPort());
                open.add(client);
                open.add(backend);
                AtomicBoolean responsePending = new AtomicBoolean();
                threads.submit(() -> requests(client, backend, responsePending));
                threads.submit(() -> responses(backend, client, responsePending));
            } catch (IOException e) {
                if (!server.isClosed()) throw new IllegalStateException(e);
            }
        }
    }

    private void requests(Socket client, Socket backend, AtomicBoolean responsePending) {
        byte[] buffer = new byte[16 << 10];
        try (InputStream in = client.getInputStream(); OutputStream out = backend.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                responsePending.set(true);
                out.write(buffer, 0, n);
            }
        } catch (IOException ignored) {
            // the other direction closed the sockets
        } finally {
            closeQuietly(client, backend);
        }
    }

    private void responses(Socket backend, Socket client, AtomicBoolean responsePending) {
        byte[] buffer = new byte[16 << 10];
        long cutAfter = Long.MAX_VALUE;
        try (InputStream in = backend.getInputStream(); OutputStream out = client.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (responsePending.getAndSet(false)) {
                    sleep(latency);
                    Fault fault = nextFault();
                    if (fault != null) {
                        injected.get(fault).incrementAndGet();
                        switch (fault) {
                            case RESET -> {
                                client.setSoLinger(true, 0);
                                return;
                            }
                            case DROP -> {
                                client.getInputStream().transferTo(OutputStream.nullOutputStream());
                                return;
                            }
                            case STALL -> sleep(stall);
                            case TRUNCATE -> cutAfter = nextCut();
                        }
                    }
                }
                int forward = (int) Math.min(n, cutAfter);
                out.write(buffer, 0, forward);
                cutAfter -= forward;
                if (cutAfter == 0) return;
            }
        } catch (IOException ignored) {
            // the client went away (timed out) or the other direction closed the sockets
        } finally {
            closeQuietly(client, backend);
        }
    }

    private synchronized Fault nextFault() {
        if (faults.isEmpty() || random.nextDouble() >= faultRate) return null;
        return faults.get(random.nextInt(faults.size()));
    }

    /** Somewhere in the headers or the first 64 KiB of the body. */
    private synchronized long nextCut() {
        return random.nextInt(64 << 10);
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) return;
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(socket -> closeQuietly(socket));
        threads.shutdownNow();
    }
}
