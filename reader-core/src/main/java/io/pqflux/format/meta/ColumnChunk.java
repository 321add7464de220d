package io.pqflux.format.meta;

/** A column chunk of a row group, with the locations of its page index. */
public record ColumnChunk(
        String filePath,
        long fileOffset,
        ColumnMetaData metaData,
        Long offsetIndexOffset,
        Integer offsetIndexLength,
        Long columnIndexOffset,
        Integer columnIndexLength,
        ColumnCryptoMetaData cryptoMetadata,
        BinaryValue encryptedColumnMetadata) {
}
