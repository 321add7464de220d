package io.pqflux.storage.azure;

import io.pqflux.storage.http.HttpSettings;
import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How to reach an Azure storage account's Blob service and how to read from it. Immutable: each {@code with…} method
 * returns a changed copy. The endpoint defaults to {@code https://ACCOUNT.blob.core.windows.net}; an emulator such as
 * Azurite is reached with the account in the path ({@code http://127.0.0.1:10000/devstoreaccount1}).
 */
public final class AzureConfig {

    private final String account;
    private final URI endpoint;
    private final AzureCredentials credentials;
    private final HttpSettings transfer;
    private final int listPageSize;

    private AzureConfig(String account, URI endpoint, AzureCredentials credentials, HttpSettings transfer, int listPageSize) {
        this.account = account;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.transfer = transfer;
        this.listPageSize = listPageSize;
    }

    /** The account's public endpoint, with {@link HttpSettings#defaults()} and pages of 5000 blobs. */
    public static AzureConfig of(String account, AzureCredentials credentials) {
        if (account == null || account.isBlank() || !account.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128)) {
            throw new IllegalArgumentException("an Azure storage account name is letters and digits, got '" + account + "'");
        }
        return new AzureConfig(account, null, Objects.requireNonNull(credentials, "credentials"), HttpSettings.defaults(), 5000);
    }

    /** The Blob service URI ({@code http(s)://host[:port][/base-path]}); {@code null} means the account's public one. */
    public AzureConfig withEndpoint(URI newEndpoint) {
        if (newEndpoint != null && (newEndpoint.getHost() == null
                || !("http".equals(newEndpoint.getScheme()) || "https".equals(newEndpoint.getScheme())))) {
            throw new IllegalArgumentException("endpoint must be an http(s) URI with a host: " + newEndpoint);
        }
        return new AzureConfig(account, newEndpoint, credentials, transfer, listPageSize);
    }

    public AzureConfig withTransfer(HttpSettings newTransfer) {
        return new AzureConfig(account, endpoint, credentials, Objects.requireNonNull(newTransfer), listPageSize);
    }

    /** The transfer settings changed by {@code change}: {@code config.withTransfer(t -> t.withRetry(policy))}. */
    public AzureConfig withTransfer(UnaryOperator<HttpSettings> change) {
        return withTransfer(change.apply(transfer));
    }

    /** Blobs per List Blobs page (5000 by default, Azure's maximum). */
    public AzureConfig withListPageSize(int newPageSize) {
        if (newPageSize <= 0 || newPageSize > 5000) throw new IllegalArgumentException("page size must be 1..5000: " + newPageSize);
        return new AzureConfig(account, endpoint, credentials, transfer, newPageSize);
    }

    public String account() {
        return account;
    }

    /** The endpoint requests go to. */
    public URI endpoint() {
        return endpoint != null ? endpoint : URI.create("https://" + account + ".blob.core.windows.net");
    }

    public AzureCredentials credentials() {
        return credentials;
    }

    public HttpSettings transfer() {
        return transfer;
    }

    public int listPageSize() {
        return listPageSize;
    }
}
