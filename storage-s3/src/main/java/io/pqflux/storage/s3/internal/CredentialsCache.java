package io.pqflux.storage.s3.internal;

import io.pqflux.storage.MissingCredentialsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Credentials for signing without blocking the caller: the last resolved ones while they are not about to expire,
 * otherwise a fresh resolution on the bounded-elastic scheduler. SDK providers may read files or call metadata
 * endpoints synchronously, even behind their {@code CompletableFuture} API, so they never run on an event loop.
 */
public final class CredentialsCache {

    /** Refresh this long before expiry, so no request is signed with credentials that lapse in flight. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    private final IdentityProvider<? extends AwsCredentialsIdentity> provider;
    private final Clock clock;
    private volatile AwsCredentialsIdentity cached;

    public CredentialsCache(IdentityProvider<? extends AwsCredentialsIdentity> provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    public Mono<AwsCredentialsIdentity> current() {
        AwsCredentialsIdentity credentials = cached;
        if (credentials != null && !expiringSoon(credentials)) return Mono.just(credentials);
        return Mono.fromCallable(this::resolve).subscribeOn(Schedulers.boundedElastic());
    }

    private AwsCredentialsIdentity resolve() {
        AwsCredentialsIdentity credentials;
        try {
            credentials = provider.resolveIdentity().join();
        } catch (SdkClientException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Unable to load credentials")) throw e;
            throw new MissingCredentialsException("s3", "no AWS credentials found (looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                    + "the system properties, AWS_PROFILE and ~/.aws, web identity, the container and instance metadata)", e);
        }
        cached = credentials;
        return credentials;
    }

    private boolean expiringSoon(AwsCredentialsIdentity credentials) {
        Instant now = clock.instant();
        return credentials.expirationTime().map(expiry -> !now.isBefore(expiry.minus(EXPIRY_MARGIN))).orElse(false);
    }
}
