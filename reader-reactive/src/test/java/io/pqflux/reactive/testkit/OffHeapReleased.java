package io.pqflux.reactive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.OffHeapMemory;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test after which more off-heap bytes are held than before it: every batch closed, also those decoded ahead
 * when a scan stopped early, was cancelled or failed. Closing may finish on a scan's threads just after the scan
 * returns, so the check waits (up to 10 s) for the bytes to come back. Fewer bytes than before is not this test's
 * leak: an earlier test class without this check may still have been closing a buffer when the baseline was taken
 * (seen once in CI: 4,096 bytes held at the start, 0 at the end). In the test-jar for the CLI's tests.
 */
public final class OffHeapReleased implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OffHeapReleased.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("baseline", OffHeapMemory.liveBytes());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        awaitReleased(context.getStore(NAMESPACE).get("baseline", Long.class));
    }

    /** Waits until the live off-heap bytes are back at or below {@code baseline}, then asserts they are. */
    public static void awaitReleased(long baseline) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (OffHeapMemory.liveBytes() > baseline && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(OffHeapMemory.liveBytes()).as("off-heap bytes held after the scan").isLessThanOrEqualTo(baseline);
    }
}
