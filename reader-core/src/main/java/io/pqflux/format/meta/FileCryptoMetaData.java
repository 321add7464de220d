package io.pqflux.format.meta;

/**
 * The plaintext prefix of an encrypted footer ({@code FileCryptoMetaData}): how the file is encrypted, and the
 * metadata of the footer key.
 *
 * @param keyMetadata retrieval metadata of the footer key, or null
 */
public record FileCryptoMetaData(EncryptionAlgorithm encryptionAlgorithm, BinaryValue keyMetadata) {
}
