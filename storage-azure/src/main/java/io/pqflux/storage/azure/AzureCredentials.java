package io.pqflux.storage.azure;

import java.util.Objects;

/**
 * How requests to Azure Blob Storage are authorized: the storage account's key (Shared Key, every request signed), a
 * shared access signature (its query parameters appended to every request), or nothing (a container with public
 * read access). Microsoft Entra ID tokens are not supported (yet): use a SAS or the key.
 */
public sealed interface AzureCredentials {

    /** Signs every request with the account key (base64, as the portal and {@code az storage account keys list} give it). */
    static AzureCredentials sharedKey(String accountKey) {
        return new SharedKey(accountKey);
    }

    /** Appends a shared access signature ({@code sv=…&sig=…}, with or without a leading '?') to every request. */
    static AzureCredentials sas(String token) {
        return new Sas(token);
    }

    /** Unsigned requests, for containers with public (anonymous) read access. */
    static AzureCredentials anonymous() {
        return new Anonymous();
    }

    record SharedKey(String accountKey) implements AzureCredentials {
        public SharedKey {
            Objects.requireNonNull(accountKey, "accountKey");
        }

        @Override
        public String toString() {
            return "SharedKey[****]";
        }
    }

    record Sas(String token) implements AzureCredentials {
        public Sas {
            Objects.requireNonNull(token, "token");
            token = token.startsWith("?") ? token.substring(1) : token;
            if (token.isBlank()) throw new IllegalArgumentException("empty SAS token");
        }

        @Override
        public String toString() {
            return "Sas[****]";
        }
    }

    record Anonymous() implements AzureCredentials {
    }
}
