package io.pqflux.format.meta;

/** The {@code EncryptionAlgorithm} union: which AES mode, with its AAD parameters. */
public record EncryptionAlgorithm(Mode mode, BinaryValue aadPrefix, BinaryValue aadFileUnique, Boolean supplyAadPrefix) {

    public enum Mode { AES_GCM_V1, AES_GCM_CTR_V1 }
}
