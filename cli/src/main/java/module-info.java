/**
 * The {@code pqflux} command: inspect files, print rows as JSON lines or CSV, filter and project; local or s3://; Tempo
 * blocks and OTAP exports as OTLP.
 */
module io.pqflux.cli {
    requires io.pqflux.core;
    requires io.pqflux.reactive;
    requires io.pqflux.tempo;
    requires io.pqflux.otap;
    requires io.pqflux.otlp;
    // AnonymousCredentialsProvider for --s3-anonymous
    requires software.amazon.awssdk.auth;
    // SdkClientException: the credential chain found nothing
    requires software.amazon.awssdk.core;
    requires info.picocli;

    // picocli reads the command classes' annotations and fields reflectively.
    opens io.pqflux.cli to info.picocli;
}
