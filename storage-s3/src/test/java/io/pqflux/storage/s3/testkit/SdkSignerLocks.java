package io.pqflux.storage.s3.testkit;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound may see park on a non-blocking thread in these tests, and why it is not blocking I/O: the AWS SDK's
 * SigV4 signer keeps its {@code MessageDigest}s in a pool guarded by a lock (a {@code LinkedBlockingDeque}), held only
 * to take one ({@code DigestAlgorithm.getDigest}) or give it back ({@code CloseableMessageDigest.close}). Two
 * signings at the same instant (a retry on the parallel scheduler beside a request on an event loop) can park one of
 * them for that moment; the fault-injection test found it on CI. Loaded by BlockHound's service loader
 * ({@code META-INF/services}) wherever it is installed.
 */
public final class SdkSignerLocks implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("software.amazon.awssdk.checksums.internal.DigestAlgorithm", "getDigest");
        builder.allowBlockingCallsInside(
                "software.amazon.awssdk.checksums.internal.DigestAlgorithm$CloseableMessageDigest", "close");
    }
}
