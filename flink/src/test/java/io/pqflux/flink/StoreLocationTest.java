package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

    @Test
    void localPathsAndFileUrisAreLocalStoreUrisAreNot() {
        assertThat(StoreLocation.of("/var/tempo").isLocal()).isTrue();
        assertThat(StoreLocation.of("relative/dir").isLocal()).isTrue();
        assertThat(StoreLocation.of("file:///var/tempo").isLocal()).isTrue();
        assertThat(StoreLocation.of("FILE:///var/tempo").isLocal()).isTrue();
        assertThat(StoreLocation.of("s3://bucket/prefix").isLocal()).isFalse();
        assertThat(StoreLocation.of("az://container/prefix").isLocal()).isFalse();
        assertThat(StoreLocation.of("files://host/x").isLocal()).as("a scheme that only starts like file").isFalse();
    }

    @Test
    void printedWithoutItsSettings() {
        assertThat(new StoreLocation("s3://b/p", Map.of("secret-access-key", "hidden")).toString()).isEqualTo("s3://b/p");
    }
}
