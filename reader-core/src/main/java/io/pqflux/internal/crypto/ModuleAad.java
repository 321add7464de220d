package io.pqflux.internal.crypto;

import io.pqflux.error.CorruptFileException;

/**
 * The additional authenticated data of a GCM module: the file AAD (AAD prefix + the file's unique id), then the
 * module type, and for every module but the footer the row group and column ordinals, and for data pages and their
 * headers the page ordinal, each a little-endian 2-byte short. The ordinals are shorts in the spec, so an encrypted
 * file holds at most 32768 row groups, columns and data pages per column chunk.
 */
final class ModuleAad {

    private ModuleAad() {
    }

    static byte[] footer(byte[] fileAad) {
        byte[] aad = new byte[fileAad.length + 1];
        System.arraycopy(fileAad, 0, aad, 0, fileAad.length);
        aad[fileAad.length] = ModuleType.FOOTER.id();
        return aad;
    }

    static byte[] of(byte[] fileAad, ModuleType type, int rowGroup, int column, int page) {
        int length = fileAad.length + 5 + (type.hasPageOrdinal() ? 2 : 0);
        byte[] aad = new byte[length];
        System.arraycopy(fileAad, 0, aad, 0, fileAad.length);
        int at = fileAad.length;
        aad[at++] = type.id();
        at = putShort(aad, at, rowGroup, "row group ordinal");
        at = putShort(aad, at, column, "column ordinal");
        if (type.hasPageOrdinal()) putShort(aad, at, page, "page ordinal");
        return aad;
    }

    private static int putShort(byte[] aad, int at, int value, String what) {
        if (value < 0 || value > Short.MAX_VALUE) {
            throw new CorruptFileException(what + " " + value + " does not fit the 2-byte ordinal of an encrypted module's AAD");
        }
        aad[at] = (byte) value;
        aad[at + 1] = (byte) (value >>> 8);
        return at + 2;
    }
}
