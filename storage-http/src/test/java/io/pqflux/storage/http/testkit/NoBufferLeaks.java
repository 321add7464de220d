package io.pqflux.storage.http.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that left a netty buffer unreleased: after its tests, garbage is collected and buffers are
 * allocated (netty checks for collected-but-unreleased buffers on allocation) until the detector has had its say.
 *
 * <p>Fails for buffers this project's code touched (a pqflux frame in the buffer's access records: a response
 * body, a fetched range). A buffer that never left reactor-netty (its HTTP decoder's content, lost between the
 * channel and the connection's inbound when a connection is reset mid-response by the fault-injecting proxy) is
 * printed as a warning, not failed on: no pqflux code held it, and the fix belongs to reactor-netty.
 */
public final class NoBufferLeaks implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        assertThat(ResourceLeakDetector.getLevel()).as("leak detection level").isEqualTo(ResourceLeakDetector.Level.PARANOID);
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 64; i++) ByteBufAllocator.DEFAULT.directBuffer(16).release();
        }
        // reported once: a leak is found when its buffer is collected, so it may be an earlier class's, and the
        // classes after this one should not fail for it too
        List<String> leaks = List.copyOf(FailingLeakDetector.LEAKS);
        FailingLeakDetector.LEAKS.removeAll(leaks);
        Map<Boolean, List<String>> ours = leaks.stream().collect(Collectors.partitioningBy(NoBufferLeaks::touchedByPqflux));
        ours.get(false).forEach(leak -> System.err.println("WARNING: a buffer reactor-netty never handed over leaked: " + leak));
        ours.get(true).forEach(System.err::println);
        assertThat(ours.get(true).size())
                .as("netty buffers leaked by %s or a class before it; the first, its pqflux frames: %s",
                        context.getDisplayName(), ours.get(true).isEmpty() ? "" : ourFrames(ours.get(true).getFirst()))
                .isZero();
    }

    private static boolean touchedByPqflux(String record) {
        return record.contains("io.pqflux.");
    }

    /** A leak record cut to its access headers and this project's frames: what says where the buffer went. */
    private static String ourFrames(String record) {
        return record.lines().map(String::strip)
                .filter(line -> line.startsWith("#") || line.startsWith("Created at") || line.startsWith("io.pqflux"))
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
