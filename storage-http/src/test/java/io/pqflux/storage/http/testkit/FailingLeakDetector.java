package io.pqflux.storage.http.testkit;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector (PARANOID in this module's tests: every buffer tracked) with its reports collected
 * instead of logged, so {@link NoBufferLeaks} can fail the test. Installed through the system property
 * {@code io.netty.customResourceLeakDetector}, before netty creates its detector.
 */
public final class FailingLeakDetector<T> extends ResourceLeakDetector<T> {

    static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    /** Netty looks up one of these two constructors, depending on the version. */
    public FailingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    public FailingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked (untraced)");
    }
}
