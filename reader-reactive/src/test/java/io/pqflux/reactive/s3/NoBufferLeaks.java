package io.pqflux.reactive.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that left a netty buffer unreleased: after its tests, garbage is collected and buffers are
 * allocated (netty checks for collected-but-unreleased buffers on allocation) until the detector has had its say.
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
        assertThat(FailingLeakDetector.LEAKS).as("netty buffers leaked by " + context.getDisplayName()).isEmpty();
    }
}
