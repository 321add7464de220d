package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.storage.s3.AddressingStyle;
import io.pqflux.storage.s3.S3Config;
import io.pqflux.storage.s3.S3Settings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** The object-storage options and the AWS CLI's endpoint variables, as the S3 configuration they make. */
class StorageOptionsTest {

    @Command(name = "test")
    static final class Mixee {
        @Mixin
        StorageOptions storage;
    }

    private static S3Config config(Map<String, String> environment, String... args) {
        Mixee mixee = new Mixee();
        new CommandLine(mixee).parseArgs(args);
        return S3Settings.config(mixee.storage.settings("s3"), environment);
    }

    @Test
    void defaultsAreAwsWithTheCredentialAndRegionChains() {
        S3Config config = config(Map.of());
        assertThat(config.endpoint()).isNull();
        assertThat(config.region()).isNull();
        assertThat(config.addressing()).isEqualTo(AddressingStyle.VIRTUAL_HOST);
        assertThat(config.credentials()).isNull();
    }

    @Test
    void optionsSetEndpointRegionAddressingAndAnonymousAccess() {
        S3Config config = config(Map.of(S3Settings.ENDPOINT_VARIABLE, "http://ignored:1"),
                "--s3-endpoint", "http://localhost:9000", "--s3-region", "eu-west-1", "--s3-path-style", "--s3-anonymous");
        assertThat(config.endpoint()).isEqualTo(URI.create("http://localhost:9000"));
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.addressing()).isEqualTo(AddressingStyle.PATH);
        assertThat(config.credentials()).isInstanceOf(AnonymousCredentialsProvider.class);
    }

    @Test
    void theS3EndpointVariableWinsOverTheGeneralOne() {
        assertThat(config(Map.of(S3Settings.ENDPOINT_VARIABLE, "http://general:1")).endpoint())
                .isEqualTo(URI.create("http://general:1"));
        assertThat(config(Map.of(S3Settings.ENDPOINT_VARIABLE, "http://general:1",
                S3Settings.ENDPOINT_S3_VARIABLE, " https://s3-only:2 ")).endpoint())
                .isEqualTo(URI.create("https://s3-only:2"));
        assertThat(config(Map.of(S3Settings.ENDPOINT_S3_VARIABLE, "", S3Settings.ENDPOINT_VARIABLE, "http://general:1"))
                .endpoint()).isEqualTo(URI.create("http://general:1"));
    }

    @Test
    void aMalformedVariableIsNamed() {
        assertThatThrownBy(() -> config(Map.of(S3Settings.ENDPOINT_VARIABLE, "http://bad host")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AWS_ENDPOINT_URL is not a URL: http://bad host");
        assertThatThrownBy(() -> config(Map.of(S3Settings.ENDPOINT_VARIABLE, "localhost:9000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint must be an http(s) URI");
    }

    @Test
    void storeOptionsReachEveryStoreAndS3FlagsOnlyS3() {
        Mixee mixee = new Mixee();
        new CommandLine(mixee).parseArgs("--s3-region", "eu-west-1", "--store-option", "endpoint=http://127.0.0.1:1/acct");
        assertThat(mixee.storage.settings("az")).containsExactly(Map.entry("endpoint", "http://127.0.0.1:1/acct"));
        assertThat(mixee.storage.settings("s3")).containsEntry("region", "eu-west-1").containsEntry("endpoint", "http://127.0.0.1:1/acct");
    }

    @Test
    void anUnknownSettingIsNamed() {
        assertThatThrownBy(() -> config(Map.of(), "--store-option", "regoin=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown s3 setting 'regoin'");
    }
}
