package io.pqflux.storage.s3.internal;

import io.pqflux.storage.http.RequestTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.storage.s3.AddressingStyle;
import io.pqflux.storage.s3.S3Location;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ObjectAddressingTest {

    private static final S3Location LOCATION = new S3Location("my-bucket", "dir/a b+c/ü=1.parquet");

    @Test
    void pathStyleKeepsTheEndpointsHostPortAndBasePath() {
        RequestTarget target = new ObjectAddressing(URI.create("http://127.0.0.1:9000/base/"), AddressingStyle.PATH)
                .target(LOCATION);
        assertThat(target.host()).isEqualTo("127.0.0.1");
        assertThat(target.port()).isEqualTo(9000);
        assertThat(target.encodedPath()).isEqualTo("/base/my-bucket/dir/a%20b%2Bc/%C3%BC%3D1.parquet");
        assertThat(target.uri()).hasToString("http://127.0.0.1:9000/base/my-bucket/dir/a%20b%2Bc/%C3%BC%3D1.parquet");
    }

    @Test
    void virtualHostStylePutsTheBucketInTheHost() {
        RequestTarget target = new ObjectAddressing(ObjectAddressing.awsEndpoint("eu-west-1"), AddressingStyle.VIRTUAL_HOST)
                .target(LOCATION);
        assertThat(target.uri()).hasToString("https://my-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b%2Bc/%C3%BC%3D1.parquet");
        assertThat(target.port()).isEqualTo(-1);
    }

    @Test
    void anEndpointAtAnAddressOrLocalhostIsAddressedByPathWhateverTheStyle() {
        for (String endpoint : new String[] {"http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000"}) {
            RequestTarget target = new ObjectAddressing(URI.create(endpoint), AddressingStyle.VIRTUAL_HOST).target(LOCATION);
            assertThat(target.uri().toString()).as(endpoint).isEqualTo(endpoint + "/my-bucket/dir/a%20b%2Bc/%C3%BC%3D1.parquet");
        }
        assertThat(new ObjectAddressing(URI.create("http://minio.local:9000"), AddressingStyle.VIRTUAL_HOST).target(LOCATION)
                .uri()).hasToString("http://my-bucket.minio.local:9000/dir/a%20b%2Bc/%C3%BC%3D1.parquet");
    }
}
