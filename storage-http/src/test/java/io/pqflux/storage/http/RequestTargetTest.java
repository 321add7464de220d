package io.pqflux.storage.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void unreservedCharactersAndSlashesStayAsTheyAre() {
        assertThat(RequestTarget.encodePath("a-Z_0.9~/x")).isEqualTo("a-Z_0.9~/x");
        assertThat(RequestTarget.encodePath("*'()!")).isEqualTo("%2A%27%28%29%21");
        assertThat(RequestTarget.encodePath("a b+c/ü=1")).isEqualTo("a%20b%2Bc/%C3%BC%3D1");
    }

    @Test
    void theQueryIsEncodedIntoTheUriButNotThePath() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("prefix", "a b/");
        query.put("marker", "x=y&z");
        RequestTarget target = RequestTarget.of(URI.create("http://127.0.0.1:10000/acct"), "127.0.0.1", "/acct/c", query);
        assertThat(target.uri()).hasToString("http://127.0.0.1:10000/acct/c?prefix=a%20b%2F&marker=x%3Dy%26z");
        assertThat(target.encodedPath()).isEqualTo("/acct/c");
        assertThat(target.port()).isEqualTo(10000);
        assertThat(RequestTarget.basePath(URI.create("http://h/base/"))).isEqualTo("/base");
        assertThat(RequestTarget.basePath(URI.create("https://h"))).isEmpty();
    }
}
