package io.pqflux.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without credentials in the config, the SDK's default chain finds them: here through the system properties
 * and the shared credentials file with a named profile (the same chain reads AWS_ACCESS_KEY_ID & co. and
 * AWS_PROFILE from the environment, which a test cannot set, and metadata endpoints, which it cannot reach).
 */
@ExtendWith(NoBufferLeaks.class)
class CredentialChainTest {

    private static LocalS3 s3;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("chain");
        s3.put("chain", "object.bin", new byte[] {1, 2, 3, 4, 5});
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @AfterEach
    void clearProperties() {
        for (String property : new String[] {"aws.accessKeyId", "aws.secretAccessKey", "aws.sharedCredentialsFile",
                "aws.configFile", "aws.profile"}) {
            System.clearProperty(property);
        }
    }

    @Test
    void systemProperties() {
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        assertThat(readWithDefaultChain()).containsExactly(2, 3);
    }

    @Test
    void aNamedProfileOfTheSharedCredentialsFile() throws Exception {
        Path credentials = temp.resolve("credentials");
        Files.writeString(credentials, """
                [default]
                aws_access_key_id = wrong
                aws_secret_access_key = wrong

                [pqflux-test]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                """.formatted(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
        Files.writeString(temp.resolve("config"), "");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", temp.resolve("config").toString());
        System.setProperty("aws.profile", "pqflux-test");
        assertThat(readWithDefaultChain()).containsExactly(2, 3);
    }

    private static byte[] readWithDefaultChain() {
        try (S3Storage storage = S3Storage.create(s3.config().withCredentials(null))) {
            try (FetchedRange range = storage.open(S3Location.parse("s3://chain/object.bin"))
                    .flatMap(file -> file.read(1, 2)).block()) {
                return range.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            }
        }
    }
}
