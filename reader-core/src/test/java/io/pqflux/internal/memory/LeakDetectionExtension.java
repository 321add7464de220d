package io.pqflux.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Registered for every test (service loader + autodetection): a test must release every buffer it allocates. */
public final class LeakDetectionExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakDetectionExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("live", OffHeapBuffer.liveBuffers());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long before = context.getStore(NS).get("live", Long.class);
        assertThat(OffHeapBuffer.liveBuffers()).as("off-heap buffers leaked by " + context.getDisplayName()).isEqualTo(before);
    }
}
