package io.pqflux.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3LocationTest {

    @Test
    void parsesBucketAndKey() {
        S3Location location = S3Location.parse("s3://bucket/tenant/block/data.parquet");
        assertThat(location.bucket()).isEqualTo("bucket");
        assertThat(location.key()).isEqualTo("tenant/block/data.parquet");
        assertThat(location).hasToString("s3://bucket/tenant/block/data.parquet");
    }

    @Test
    void refusesWhatIsNotAnObject() {
        for (String bad : new String[] {"bucket/key", "s3://bucket", "s3://bucket/", "s3:///key", "https://b/k"}) {
            assertThatThrownBy(() -> S3Location.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
