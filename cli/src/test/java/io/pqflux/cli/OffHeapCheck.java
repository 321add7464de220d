package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.OffHeapMemory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test after which the in-process commands hold more off-heap bytes than before it: every batch closed, also
 * those decoded ahead when a scan stopped early or failed. Closing may finish on a scan's threads just after the
 * command returns, so the check waits a little.
 */
final class OffHeapCheck implements BeforeEachCallback, AfterEachCallback {

    private static final long WAIT_NANOS = 10_000_000_000L;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OffHeapCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("baseline", OffHeapMemory.liveBytes());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long baseline = context.getStore(NAMESPACE).get("baseline", Long.class);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (OffHeapMemory.liveBytes() != baseline && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(OffHeapMemory.liveBytes()).as("off-heap bytes held after the commands").isEqualTo(baseline);
    }
}
