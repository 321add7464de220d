package io.pqflux.reader;

import io.pqflux.crypto.DecryptionProperties;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.crypto.ColumnDecryptionProperties;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.hadoop.metadata.ColumnPath;

/**
 * The keys of an encrypted file, given to both readers: pqflux's {@link DecryptionProperties} and parquet-java's
 * {@link FileDecryptionProperties}. The corpus keys are parquet-testing's (its {@code data/README.md}: ASCII digits).
 *
 * @param footerKey  null for none
 * @param columnKeys by dotted column path
 * @param aadPrefix  null for none
 */
record EncryptionKeys(byte[] footerKey, Map<String, byte[]> columnKeys, byte[] aadPrefix) {

    /** parquet-testing's AES-128 keys of {@code data/*.parquet.encrypted}; the AAD prefix of the two "aad" files. */
    static EncryptionKeys corpus128(boolean withAadPrefix) {
        Map<String, byte[]> columns = new LinkedHashMap<>();
        columns.put("double_field", ascii("1234567890123450"));
        columns.put("float_field", ascii("1234567890123451"));
        return new EncryptionKeys(ascii("0123456789012345"), columns, withAadPrefix ? ascii("tester") : null);
    }

    /** parquet-testing's AES-256 keys of {@code data/aes256/}; the AAD prefix of its disable_aad_storage file. */
    static EncryptionKeys corpus256(boolean withAadPrefix) {
        String[] columns = {"double_field", "float_field", "boolean_field", "int32_field", "ba_field", "flba_field",
                "int64_field.list.element", "int96_field"};
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int c = 0; c < columns.length; c++) keys.put(columns[c], ascii("123456789012345678901234567890" + (12 + c)));
        return new EncryptionKeys(ascii("01234567890123456789012345678901"), keys, withAadPrefix ? ascii("tester") : null);
    }

    /** The keys for a corpus file, by its path relative to parquet-testing. */
    static EncryptionKeys forCorpusFile(String path) {
        boolean aad = path.contains("_aad");
        return path.startsWith("data/aes256/") ? corpus256(aad) : corpus128(aad);
    }

    EncryptionKeys withoutColumn(String path) {
        Map<String, byte[]> fewer = new LinkedHashMap<>(columnKeys);
        fewer.remove(path);
        return new EncryptionKeys(footerKey, fewer, aadPrefix);
    }

    EncryptionKeys withColumnKey(String path, byte[] key) {
        Map<String, byte[]> changed = new LinkedHashMap<>(columnKeys);
        changed.put(path, key);
        return new EncryptionKeys(footerKey, changed, aadPrefix);
    }

    EncryptionKeys withFooterKey(byte[] key) {
        return new EncryptionKeys(key, columnKeys, aadPrefix);
    }

    EncryptionKeys withAadPrefix(byte[] prefix) {
        return new EncryptionKeys(footerKey, columnKeys, prefix);
    }

    DecryptionProperties pqflux() {
        DecryptionProperties.Builder builder = DecryptionProperties.builder();
        if (footerKey != null) builder.footerKey(footerKey);
        columnKeys.forEach(builder::columnKey);
        if (aadPrefix != null) builder.aadPrefix(aadPrefix);
        return builder.build();
    }

    FileDecryptionProperties parquetJava() {
        Map<ColumnPath, ColumnDecryptionProperties> columns = new LinkedHashMap<>();
        columnKeys.forEach((path, key) -> columns.put(ColumnPath.fromDotString(path),
                ColumnDecryptionProperties.builder(ColumnPath.fromDotString(path)).withKey(key).build()));
        FileDecryptionProperties.Builder builder = FileDecryptionProperties.builder().withColumnKeys(columns);
        if (footerKey != null) builder.withFooterKey(footerKey);
        if (aadPrefix != null) builder.withAADPrefix(aadPrefix);
        return builder.build();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
