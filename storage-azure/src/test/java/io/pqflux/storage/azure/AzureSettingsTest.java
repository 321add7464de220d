package io.pqflux.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.storage.MissingCredentialsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureSettingsTest {

    private static final String KEY = "a2V5";

    @Test
    void anAccountAndKeyReachThePublicEndpoint() {
        AzureConfig config = AzureSettings.config(Map.of("account", "acct", "account-key", KEY), Map.of());
        assertThat(config.endpoint()).hasToString("https://acct.blob.core.windows.net");
        assertThat(config.credentials()).isEqualTo(AzureCredentials.sharedKey(KEY));
    }

    @Test
    void connectionStringsGiveAccountKeyAndEndpoint() {
        AzureConfig azurite = AzureSettings.config(Map.of("connection-string", "DefaultEndpointsProtocol=http;AccountName=dev;"
                + "AccountKey=" + KEY + "==;BlobEndpoint=http://127.0.0.1:10000/dev;"), Map.of());
        assertThat(azurite.account()).isEqualTo("dev");
        assertThat(azurite.endpoint()).hasToString("http://127.0.0.1:10000/dev");
        assertThat(azurite.credentials()).isEqualTo(AzureCredentials.sharedKey(KEY + "=="));
        AzureConfig sovereign = AzureSettings.config(Map.of(), Map.of("AZURE_STORAGE_CONNECTION_STRING",
                "DefaultEndpointsProtocol=https;AccountName=gov;SharedAccessSignature=sv=1&sig=x;EndpointSuffix=core.usgovcloudapi.net"));
        assertThat(sovereign.endpoint()).hasToString("https://gov.blob.core.usgovcloudapi.net");
        assertThat(sovereign.credentials()).isEqualTo(AzureCredentials.sas("sv=1&sig=x"));
    }

    @Test
    void theCliVariablesFillWhatTheSettingsLeaveOpen() {
        AzureConfig config = AzureSettings.config(Map.of(), Map.of("AZURE_STORAGE_ACCOUNT", "envacct", "AZURE_STORAGE_SAS_TOKEN", "?sv=2&sig=y"));
        assertThat(config.account()).isEqualTo("envacct");
        assertThat(config.credentials()).isEqualTo(AzureCredentials.sas("sv=2&sig=y"));
        AzureConfig anonymous = AzureSettings.config(Map.of("account", "pub", "anonymous", "true"), Map.of("AZURE_STORAGE_KEY", KEY));
        assertThat(anonymous.credentials()).isEqualTo(AzureCredentials.anonymous());
    }

    @Test
    void contradictionsAndGapsFailNamingTheSetting() {
        assertThatThrownBy(() -> AzureSettings.config(Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Azure storage account");
        assertThatThrownBy(() -> AzureSettings.config(Map.of("account", "a", "account-key", KEY, "sas-token", "sv=1"), Map.of()))
                .hasMessage("account-key and sas-token exclude each other");
        assertThatThrownBy(() -> AzureSettings.config(Map.of("account", "a", "anonymous", "yes"), Map.of()))
                .hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> AzureSettings.config(Map.of("connection-string", "UseDevelopmentStorage=true"), Map.of()))
                .hasMessageContaining("names no port");
        assertThatThrownBy(() -> AzureSettings.config(Map.of("account", "bad-name!"), Map.of()))
                .hasMessageContaining("letters and digits");
        assertThatThrownBy(() -> AzureSettings.config(Map.of("account", "pub"), Map.of()))
                .isInstanceOfSatisfying(MissingCredentialsException.class, e -> assertThat(e.scheme()).isEqualTo("az"))
                .hasMessage("no credentials for Azure storage account pub: set account-key or sas-token (or "
                        + "AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN, AZURE_STORAGE_CONNECTION_STRING), or anonymous=true "
                        + "for a container with public read access");
        assertThat(AzureCredentials.sharedKey("secret").toString()).doesNotContain("secret");
    }
}
