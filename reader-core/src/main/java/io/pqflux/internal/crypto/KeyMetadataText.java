package io.pqflux.internal.crypto;

import io.pqflux.format.meta.BinaryValue;
import java.nio.charset.StandardCharsets;

/**
 * What an error about a missing key says of the key's metadata: its text when it is a short key id, or that the key
 * is wrapped by a key management service when it is parquet-java key-tools material (a JSON document, stored in the
 * file or, for external key material, in a {@code _KEY_MATERIAL_FOR_…json} file beside it), which only a key
 * retriever talking to that KMS can unwrap.
 */
final class KeyMetadataText {

    private static final int MAX_ID_LENGTH = 64;

    private KeyMetadataText() {
    }

    static String hint(BinaryValue keyMetadata) {
        if (keyMetadata == null || keyMetadata.length() == 0) return "";
        String text = new String(keyMetadata.toByteArray(), StandardCharsets.UTF_8);
        if (text.contains("\"keyMaterialType\"")) {
            String where = text.replace(" ", "").contains("\"internalStorage\":false")
                    ? "external key material (a _KEY_MATERIAL_FOR_<file>.json beside the file)" : "key material in the file";
            return "; its key metadata is parquet-java key-tools " + where + ", wrapped by a key management service, "
                    + "which pqflux does not call: give the key itself, or (in the library) a key retriever that asks that service";
        }
        boolean printable = text.length() <= MAX_ID_LENGTH && text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
        return printable ? " (key metadata \"" + text + "\")" : " (key metadata of " + keyMetadata.length() + " bytes)";
    }
}
