package io.pqflux.bench.server;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server JVM's memory peaks over its life, in bytes, as {@link MemorySampler} measures them and
 * {@link ServerProcess} carries them from the server's process to the load's in one line.
 *
 * @param heapUsed        heap in use, garbage included (sampled)
 * @param liveHeap        heap in use right after a collection (sampled: the heap pools' usage after their last one)
 * @param heapCommitted   heap the JVM took from the system (sampled)
 * @param nettyDirect     direct memory of netty's default allocator, which reactor-netty's buffers come from (sampled)
 * @param jdkDirect       the JDK's direct byte buffers (sampled)
 * @param offHeapLeased   pqflux's off-heap memory in use ({@code OffHeapMemory.peakBytes()}: exact)
 * @param offHeapHeld     pqflux's off-heap memory in use plus what its pool keeps for reuse (sampled)
 * @param rss             the process's resident set ({@code VmHWM}: the kernel's exact peak)
 */
record MemoryFigures(long heapUsed, long liveHeap, long heapCommitted, long nettyDirect, long jdkDirect,
                     long offHeapLeased, long offHeapHeld, long rss) {

    private static final String PREFIX = "MEMORY";
    private static final List<String> NAMES = List.of("heapUsed", "liveHeap", "heapCommitted", "nettyDirect", "jdkDirect",
            "offHeapLeased", "offHeapHeld", "rss");

    /** {@code MEMORY name=bytes …}, one line. */
    String line() {
        StringBuilder line = new StringBuilder(PREFIX);
        long[] values = values();
        for (int i = 0; i < values.length; i++) line.append(' ').append(NAMES.get(i)).append('=').append(values[i]);
        return line.toString();
    }

    static MemoryFigures parse(String line) {
        if (line == null || !line.startsWith(PREFIX + " ")) {
            throw new IllegalStateException("the server process answered " + line + " instead of its memory figures");
        }
        Map<String, Long> byName = new HashMap<>();
        for (String pair : line.substring(PREFIX.length() + 1).split(" ")) {
            int eq = pair.indexOf('=');
            byName.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        long[] v = NAMES.stream().mapToLong(name -> {
            Long value = byName.get(name);
            if (value == null) throw new IllegalStateException("no " + name + " in the server's figures: " + line);
            return value;
        }).toArray();
        return new MemoryFigures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** The report's lines, in MiB. */
    List<String> report() {
        return List.of(
                String.format(Locale.ROOT, "heap: peak used %.0f MiB (garbage included), peak live after a collection %.0f MiB,"
                        + " peak committed %.0f MiB", mib(heapUsed), mib(liveHeap), mib(heapCommitted)),
                String.format(Locale.ROOT, "off-heap: pqflux in use %.1f MiB (held with its pool %.1f MiB), netty's"
                        + " allocator %.1f MiB direct, JDK direct buffers %.1f MiB", mib(offHeapLeased), mib(offHeapHeld),
                        mib(nettyDirect), mib(jdkDirect)),
                String.format(Locale.ROOT, "process: peak resident set %.0f MiB", mib(rss)));
    }

    private long[] values() {
        return new long[] {heapUsed, liveHeap, heapCommitted, nettyDirect, jdkDirect, offHeapLeased, offHeapHeld, rss};
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
