package io.pqflux.format.meta;

import io.pqflux.format.meta.FileMetaData;

/**
 * The parsed footer and where it lies in the file.
 *
 * @param offset file offset of the serialized FileMetaData
 * @param length its length in bytes
 */
public record Footer(FileMetaData metaData, long offset, long length) {
}
