package io.pqflux.conformance;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Named counters a test class prints once at the end (register it with {@code @RegisterExtension}), so a
 * run states what it checked and what it left out.
 */
final class Tally implements AfterAllCallback {

    private final String name;
    private final Map<String, LongAdder> counts = new ConcurrentSkipListMap<>();
    private final long started = System.nanoTime();

    Tally(String name) {
        this.name = name;
    }

    void add(String what, long n) {
        counts.computeIfAbsent(what, k -> new LongAdder()).add(n);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        StringBuilder line = new StringBuilder(name).append(" in ").append((System.nanoTime() - started) / 1_000_000).append(" ms:");
        counts.forEach((what, n) -> line.append("\n  ").append(what).append(": ").append(n.sum()));
        PropertyCampaign.log(line.toString());
    }
}
