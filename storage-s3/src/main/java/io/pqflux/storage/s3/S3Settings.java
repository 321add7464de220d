package io.pqflux.storage.s3;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The settings an {@code s3://} location is opened with through {@code ObjectStores.open}, as keys: {@value #ENDPOINT}
 * (an http(s) URL; default {@code $AWS_ENDPOINT_URL_S3}, else {@code $AWS_ENDPOINT_URL}, else AWS S3), {@value
 * #REGION}, {@value #PATH_STYLE} ({@code true}: {@code http://endpoint/bucket/key}), {@value #ANONYMOUS} ({@code true}:
 * unsigned requests), {@value #ACCESS_KEY_ID} with {@value #SECRET_ACCESS_KEY} (otherwise the SDK's default chain).
 */
public final class S3Settings {

    public static final String ENDPOINT = "endpoint";
    public static final String REGION = "region";
    public static final String PATH_STYLE = "path-style";
    public static final String ANONYMOUS = "anonymous";
    public static final String ACCESS_KEY_ID = "access-key-id";
    public static final String SECRET_ACCESS_KEY = "secret-access-key";

    /** The AWS CLI's variables for a custom endpoint: the S3-specific one wins over the general one. */
    public static final String ENDPOINT_S3_VARIABLE = "AWS_ENDPOINT_URL_S3";
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    private static final Set<String> KEYS = Set.of(ENDPOINT, REGION, PATH_STYLE, ANONYMOUS, ACCESS_KEY_ID, SECRET_ACCESS_KEY);

    private S3Settings() {
    }

    /** The configuration {@code settings} describe, with the AWS CLI's endpoint variables from {@code environment}. */
    public static S3Config config(Map<String, String> settings, Map<String, String> environment) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown s3 setting '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String endpoint = settings.get(ENDPOINT);
        S3Config config = S3Config.defaults()
                .withEndpoint(endpoint != null ? url(ENDPOINT, endpoint) : endpointFrom(environment))
                .withRegion(settings.get(REGION))
                .withAddressing(flag(settings, PATH_STYLE) ? AddressingStyle.PATH : AddressingStyle.VIRTUAL_HOST);
        String keyId = settings.get(ACCESS_KEY_ID);
        String secret = settings.get(SECRET_ACCESS_KEY);
        if ((keyId == null) != (secret == null)) {
            throw new IllegalArgumentException(ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " go together");
        }
        if (flag(settings, ANONYMOUS)) {
            if (keyId != null) throw new IllegalArgumentException(ANONYMOUS + " excludes " + ACCESS_KEY_ID);
            return config.withCredentials(AnonymousCredentialsProvider.create());
        }
        return keyId == null ? config : config.withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)));
    }

    private static boolean flag(Map<String, String> settings, String key) {
        String value = settings.getOrDefault(key, "false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("s3 setting " + key + " must be true or false, not '" + value + "'");
        };
    }

    private static URI url(String what, String value) {
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + value, e);
        }
    }

    private static URI endpointFrom(Map<String, String> environment) {
        for (String variable : new String[] {ENDPOINT_S3_VARIABLE, ENDPOINT_VARIABLE}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) return url(variable, value);
        }
        return null;
    }
}
