package io.pqflux.format.meta;

import java.util.List;

/** How a column chunk is encrypted (the {@code ColumnCryptoMetaData} union). */
public sealed interface ColumnCryptoMetaData {

    record EncryptionWithFooterKey() implements ColumnCryptoMetaData { }

    record EncryptionWithColumnKey(List<String> pathInSchema, BinaryValue keyMetadata) implements ColumnCryptoMetaData { }
}
