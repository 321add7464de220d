package io.pqflux.storage.azure;

import io.pqflux.storage.MissingCredentialsException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings an {@code az://container/prefix} location is opened with through {@code ObjectStores.open}, as keys:
 * {@value #ACCOUNT}, {@value #ENDPOINT} (the Blob service URL; default {@code https://ACCOUNT.blob.core.windows.net}),
 * one of {@value #ACCOUNT_KEY}, {@value #SAS_TOKEN} or {@value #ANONYMOUS} {@code =true}, or instead of all of these a
 * {@value #CONNECTION_STRING} as the portal and Azurite give it. Missing ones come from the variables Azure's CLI reads:
 * {@value #CONNECTION_STRING_VARIABLE}, {@value #ACCOUNT_VARIABLE}, {@value #KEY_VARIABLE}, {@value #SAS_VARIABLE}.
 */
public final class AzureSettings {

    public static final String ACCOUNT = "account";
    public static final String ENDPOINT = "endpoint";
    public static final String ACCOUNT_KEY = "account-key";
    public static final String SAS_TOKEN = "sas-token";
    public static final String ANONYMOUS = "anonymous";
    public static final String CONNECTION_STRING = "connection-string";

    public static final String CONNECTION_STRING_VARIABLE = "AZURE_STORAGE_CONNECTION_STRING";
    public static final String ACCOUNT_VARIABLE = "AZURE_STORAGE_ACCOUNT";
    public static final String KEY_VARIABLE = "AZURE_STORAGE_KEY";
    public static final String SAS_VARIABLE = "AZURE_STORAGE_SAS_TOKEN";

    private static final Set<String> KEYS = Set.of(ACCOUNT, ENDPOINT, ACCOUNT_KEY, SAS_TOKEN, ANONYMOUS, CONNECTION_STRING);

    private AzureSettings() {
    }

    /** The configuration {@code settings} describe, completed from {@code environment}. */
    public static AzureConfig config(Map<String, String> settings, Map<String, String> environment) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown az setting '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        boolean explicit = settings.containsKey(ACCOUNT) || settings.containsKey(ACCOUNT_KEY) || settings.containsKey(SAS_TOKEN)
                || settings.containsKey(ANONYMOUS);
        String connection = settings.get(CONNECTION_STRING);
        if (connection != null && explicit) {
            throw new IllegalArgumentException(CONNECTION_STRING + " excludes " + ACCOUNT + ", " + ACCOUNT_KEY + ", " + SAS_TOKEN + " and " + ANONYMOUS);
        }
        if (connection == null && !explicit) connection = blankToNull(environment.get(CONNECTION_STRING_VARIABLE));
        Map<String, String> values = new LinkedHashMap<>();
        if (connection != null) {
            Map<String, String> parts = connectionString(connection);
            values.put(ACCOUNT, parts.get("AccountName"));
            values.put(ACCOUNT_KEY, parts.get("AccountKey"));
            values.put(SAS_TOKEN, parts.get("SharedAccessSignature"));
            values.put(ENDPOINT, parts.getOrDefault("BlobEndpoint", endpointOf(parts)));
        } else {
            values.put(ACCOUNT, settings.getOrDefault(ACCOUNT, blankToNull(environment.get(ACCOUNT_VARIABLE))));
            boolean anonymous = flag(settings, ANONYMOUS);
            if (!anonymous) {
                values.put(ACCOUNT_KEY, settings.getOrDefault(ACCOUNT_KEY, settings.containsKey(SAS_TOKEN) ? null : blankToNull(environment.get(KEY_VARIABLE))));
                values.put(SAS_TOKEN, settings.getOrDefault(SAS_TOKEN, values.get(ACCOUNT_KEY) != null ? null : blankToNull(environment.get(SAS_VARIABLE))));
            } else if (settings.containsKey(ACCOUNT_KEY) || settings.containsKey(SAS_TOKEN)) {
                throw new IllegalArgumentException(ANONYMOUS + " excludes " + ACCOUNT_KEY + " and " + SAS_TOKEN);
            }
        }
        if (settings.containsKey(ENDPOINT)) values.put(ENDPOINT, settings.get(ENDPOINT));
        String account = values.get(ACCOUNT);
        if (account == null) {
            throw new IllegalArgumentException("no Azure storage account: set " + ACCOUNT + " or " + CONNECTION_STRING
                    + ", or " + ACCOUNT_VARIABLE + " or " + CONNECTION_STRING_VARIABLE);
        }
        String key = values.get(ACCOUNT_KEY);
        String sas = values.get(SAS_TOKEN);
        if (key != null && sas != null) throw new IllegalArgumentException(ACCOUNT_KEY + " and " + SAS_TOKEN + " exclude each other");
        AzureCredentials credentials = key != null ? AzureCredentials.sharedKey(key)
                : sas != null ? AzureCredentials.sas(sas) : AzureCredentials.anonymous();
        AzureConfig config = AzureConfig.of(account, credentials);
        // as S3 asks for anonymous access, an account named without a key, token or connection string is not read
        // anonymously unless anonymous=true says so
        if (key == null && sas == null && connection == null && !flag(settings, ANONYMOUS)) {
            throw new MissingCredentialsException("az", "no credentials for Azure storage account " + account + ": set "
                    + ACCOUNT_KEY + " or " + SAS_TOKEN + " (or " + KEY_VARIABLE + ", " + SAS_VARIABLE + ", "
                    + CONNECTION_STRING_VARIABLE + "), or " + ANONYMOUS + "=true for a container with public read access", null);
        }
        String endpoint = values.get(ENDPOINT);
        return endpoint == null ? config : config.withEndpoint(url(endpoint));
    }

    /** {@code Name=value;…} pairs; values may contain '=' (base64 keys end in it). */
    private static Map<String, String> connectionString(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) continue;
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("connection string part without '=': " + pair.replaceAll("(?i)key=.*", "key=****"));
            parts.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        if ("true".equalsIgnoreCase(parts.get("UseDevelopmentStorage"))) {
            throw new IllegalArgumentException("UseDevelopmentStorage=true names no port: give Azurite's full connection string "
                    + "(AccountName, AccountKey, BlobEndpoint)");
        }
        return parts;
    }

    /** The Blob endpoint of a connection string without {@code BlobEndpoint}: protocol, account and suffix. */
    private static String endpointOf(Map<String, String> parts) {
        String account = parts.get("AccountName");
        if (account == null) return null;
        return parts.getOrDefault("DefaultEndpointsProtocol", "https") + "://" + account + ".blob."
                + parts.getOrDefault("EndpointSuffix", "core.windows.net");
    }

    private static boolean flag(Map<String, String> settings, String key) {
        String value = settings.getOrDefault(key, "false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("az setting " + key + " must be true or false, not '" + value + "'");
        };
    }

    private static URI url(String value) {
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT + " is not a URL: " + value, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
