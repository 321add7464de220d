package io.pqflux.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test (service loader + autodetection): a test must close every buffer it allocates —
 * neither leave it open nor drop it for the garbage collector's safety net to free.
 *
 * <p>A pipeline that is cancelled or fails releases what it holds after the signal has reached the test (Reactor's
 * cancellation does not wait: a reader closes once its reads in flight end, on their thread), so the count is given
 * {@link #SETTLE_MILLIS} to come back before a buffer still open counts as leaked. For the same reason a pipeline of
 * a class's setup ({@code @BeforeAll}) may release its last buffer while the first test runs: a count below the
 * test's starting count is that earlier work's release, not this test's leak, so only a count above it fails.
 */
public final class LeakDetectionExtension implements BeforeEachCallback, AfterEachCallback {

    private static final long SETTLE_MILLIS = 5_000;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakDetectionExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("live", OffHeapBuffer.liveBuffers());
        context.getStore(NS).put("reclaimed", OffHeapBuffer.reclaimedLeaks());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getRequiredTestMethod().isAnnotationPresent(DeliberateLeak.class)) return;
        long before = context.getStore(NS).get("live", Long.class);
        long reclaimedBefore = context.getStore(NS).get("reclaimed", Long.class);
        String test = context.getDisplayName();
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        while (OffHeapBuffer.liveBuffers() > before && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(OffHeapBuffer.liveBuffers()).as("off-heap buffers leaked by " + test).isLessThanOrEqualTo(before);
        assertThat(OffHeapBuffer.reclaimedLeaks()).as("off-heap buffers dropped unclosed by " + test
                + " (freed by the safety net)").isEqualTo(reclaimedBefore);
    }
}
