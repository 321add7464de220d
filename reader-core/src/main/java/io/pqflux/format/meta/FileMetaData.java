package io.pqflux.format.meta;

import java.util.List;

/** The footer of a Parquet file. */
public record FileMetaData(
        int version,
        List<SchemaElement> schema,
        long numRows,
        List<RowGroup> rowGroups,
        List<KeyValue> keyValueMetadata,
        String createdBy,
        List<ColumnOrder> columnOrders,
        EncryptionAlgorithm encryptionAlgorithm,
        BinaryValue footerSigningKeyMetadata) {
}
