package io.pqflux.bench.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.pqflux.reader.OffHeapMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Samples this JVM's memory and keeps the peaks ({@link MemoryFigures}); the figures no JVM counter keeps a peak of
 * are as high as the samples saw, so a peak shorter than {@link #INTERVAL_MILLIS} can be missed.
 */
final class MemorySampler {

    static final long INTERVAL_MILLIS = 50;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final BufferPoolMXBean jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
    private long heapUsed, liveHeap, heapCommitted, nettyDirect, jdkDirectUsed, offHeapHeld;

    /** Samples every {@link #INTERVAL_MILLIS} ms on a daemon thread, for the life of the JVM. */
    void start() {
        Thread.ofPlatform().daemon().name("memory-sampler").start(() -> {
            while (true) {
                sample();
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    synchronized void sample() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        heapUsed = Math.max(heapUsed, heap.getUsed());
        heapCommitted = Math.max(heapCommitted, heap.getCommitted());
        long afterCollections = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage collected = pool.getCollectionUsage();
            if (collected != null) afterCollections += collected.getUsed();
        }
        liveHeap = Math.max(liveHeap, afterCollections);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider netty) {
            nettyDirect = Math.max(nettyDirect, netty.metric().usedDirectMemory());
        }
        jdkDirectUsed = Math.max(jdkDirectUsed, jdkDirect.getMemoryUsed());
        offHeapHeld = Math.max(offHeapHeld, OffHeapMemory.liveBytes() + OffHeapMemory.pooledBytes());
    }

    /** The peaks so far, a last sample included. */
    synchronized MemoryFigures peaks() {
        sample();
        return new MemoryFigures(heapUsed, liveHeap, heapCommitted, nettyDirect, jdkDirectUsed, OffHeapMemory.peakBytes(),
                offHeapHeld, peakResidentSet());
    }

    /** {@code VmHWM} of {@code /proc/self/status}, the most this process has had resident. */
    private static long peakResidentSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
            throw new IllegalStateException("no VmHWM in /proc/self/status");
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc/self/status", e);
        }
    }
}
