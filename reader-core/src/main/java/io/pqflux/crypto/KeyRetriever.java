package io.pqflux.crypto;

/**
 * Finds a key from the {@code key_metadata} a writer stored beside an encrypted footer or column: a key id to look
 * up, or key material to unwrap with a key management service. Asked only for keys that {@link DecryptionProperties}
 * does not give explicitly; may be called from several threads.
 */
@FunctionalInterface
public interface KeyRetriever {

    /**
     * The AES key (16, 24 or 32 bytes) that {@code keyMetadata} names, or null when this retriever does not know it.
     *
     * @param keyMetadata the key metadata stored in the file; empty when the writer stored none
     */
    byte[] key(byte[] keyMetadata);
}
