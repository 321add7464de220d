package io.pqflux.flink;

import io.pqflux.crypto.DecryptionProperties;
import java.io.Serializable;

/**
 * The keys of an encrypted dataset (Parquet modular encryption, docs/encryption.md), made where the source plans and
 * reads: a job ships this object, not the keys, so it may fetch them there (a key store, a KMS client). Called once
 * per planning pass and per reader.
 */
@FunctionalInterface
public interface KeySource extends Serializable {

    DecryptionProperties keys();
}
