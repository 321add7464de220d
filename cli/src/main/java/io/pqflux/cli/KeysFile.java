package io.pqflux.cli;

import io.pqflux.crypto.DecryptionProperties;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code --keys} file: one key a line, {@code footer=KEY} or {@code column.<dotted path>=KEY}; blank lines and
 * lines starting with {@code #} are skipped. A KEY is its text (UTF-8) or {@code hex:} and its bytes in hex digits; it
 * must have 16, 24 or 32 bytes.
 */
final class KeysFile {

    /** A line that is not a key, or a key of the wrong length. */
    static final class BadLine extends Exception {
        BadLine(String message) {
            super(message);
        }
    }

    private static final String FOOTER = "footer";
    private static final String COLUMN = "column.";
    private static final String HEX = "hex:";

    private KeysFile() {
    }

    /** Adds the keys of {@code lines} to {@code builder}. */
    static void read(List<String> lines, DecryptionProperties.Builder builder) throws BadLine {
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int equals = line.indexOf('=');
            if (equals < 0) throw new BadLine("line " + (n + 1) + " is not footer=KEY or column.<path>=KEY");
            String name = line.substring(0, equals).strip();
            byte[] key = key(line.substring(equals + 1).strip(), n + 1);
            if (name.equals(FOOTER)) {
                builder.footerKey(key);
            } else if (name.startsWith(COLUMN) && name.length() > COLUMN.length()) {
                builder.columnKey(name.substring(COLUMN.length()), key);
            } else {
                throw new BadLine("line " + (n + 1) + " names '" + name + "'; expected footer or column.<dotted path>");
            }
        }
    }

    private static byte[] key(String text, int line) throws BadLine {
        byte[] key;
        if (text.startsWith(HEX)) {
            try {
                key = HexFormat.of().parseHex(text.substring(HEX.length()));
            } catch (IllegalArgumentException e) {
                throw new BadLine("line " + line + ": the key after hex: is not an even number of hex digits");
            }
        } else {
            key = text.getBytes(StandardCharsets.UTF_8);
        }
        if (!DecryptionProperties.isAesKeyLength(key.length)) {
            throw new BadLine("line " + line + ": the key has " + key.length + " bytes; AES keys have 16, 24 or 32");
        }
        return key;
    }
}
