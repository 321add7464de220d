package io.pqflux.cli;

import io.pqflux.storage.s3.testkit.LocalS3;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CLI's tests against S3Proxy ({@link LocalS3}): credentials and region through the SDK's system properties
 * (passed on to the launched tool in the integration-test runs), and the options that point the tool at the server.
 */
final class TestStore {

    static final List<String> AWS_PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.region");

    private TestStore() {
    }

    static void useCredentials() {
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        System.setProperty("aws.region", LocalS3.REGION);
    }

    static void clearCredentials() {
        AWS_PROPERTIES.forEach(System::clearProperty);
    }

    /** The arguments followed by the endpoint and path-style options for {@code s3}. */
    static String[] withStore(LocalS3 s3, String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--s3-endpoint", s3.endpoint().toString(), "--s3-path-style"))
                .toArray(String[]::new);
    }
}
