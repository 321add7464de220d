package io.pqflux.reader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.crypto.ColumnEncryptionProperties;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.crypto.ParquetCipher;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Files written by parquet-java's encrypting writer: many row groups and small pages, a dictionary-encoded and a
 * plain column each with its own key, a column under the footer key, a list whose element has its own key, a
 * plaintext column, page indexes, and bloom filters on the two keyed flat columns. Keys have 16, 24 and 32 bytes;
 * each key's metadata is its id, for key retrievers.
 */
final class EncryptedFiles {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message encrypted {
              required int64 id;
              optional binary name (STRING);
              required double score;
              optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
              optional int32 plain;
            }""");
    static final int ROWS = 40_000;
    /** Distinct names: few enough for a dictionary. */
    static final int NAMES = 50;

    static final Map<String, byte[]> KEYS_BY_ID = Map.of(
            "k-footer", ascii("footer-key-0123456789-abcdefghij"),
            "k-id", ascii("id-key-012345678"),
            "k-name", ascii("name-key-0123456789abcde"),
            "k-tags", ascii("tags-key-0123456789-abcdefghijkl"));
    static final byte[] AAD_PREFIX = ascii("encrypted-table.part-7");

    enum Aad { NONE, STORED, SUPPLIED }

    /** How a file is encrypted and laid out. */
    record Layout(ParquetCipher cipher, boolean plaintextFooter, Aad aad, boolean pagesV2, CompressionCodecName codec) {

        @Override
        public String toString() {
            return cipher + (plaintextFooter ? ", plaintext footer" : ", encrypted footer") + ", AAD prefix " + aad
                    + (pagesV2 ? ", pages V2" : ", pages V1") + ", " + codec;
        }
    }

    private EncryptedFiles() {
    }

    /** The keys that read every column, and the AAD prefix when the layout does not store it. */
    static EncryptionKeys keys(Layout layout) {
        Map<String, byte[]> columns = new LinkedHashMap<>();
        columns.put("id", KEYS_BY_ID.get("k-id"));
        columns.put("name", KEYS_BY_ID.get("k-name"));
        columns.put("tags.list.element", KEYS_BY_ID.get("k-tags"));
        return new EncryptionKeys(KEYS_BY_ID.get("k-footer"), columns, layout.aad() == Aad.SUPPLIED ? AAD_PREFIX : null);
    }

    static Path write(Path file, Layout layout) throws IOException {
        Map<ColumnPath, ColumnEncryptionProperties> columns = new LinkedHashMap<>();
        columns.put(ColumnPath.get("id"), keyed("id", "k-id"));
        columns.put(ColumnPath.get("name"), keyed("name", "k-name"));
        columns.put(ColumnPath.get("tags", "list", "element"), keyed("tags.list.element", "k-tags"));
        // no key of its own: encrypted with the footer key
        columns.put(ColumnPath.get("score"), ColumnEncryptionProperties.builder("score").build());
        FileEncryptionProperties.Builder encryption = FileEncryptionProperties.builder(KEYS_BY_ID.get("k-footer"))
                .withFooterKeyMetadata(ascii("k-footer")).withAlgorithm(layout.cipher()).withEncryptedColumns(columns);
        if (layout.plaintextFooter()) encryption.withPlaintextFooter();
        if (layout.aad() != Aad.NONE) encryption.withAADPrefix(AAD_PREFIX);
        if (layout.aad() == Aad.SUPPLIED) encryption.withoutAADPrefixStorage();
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, SCHEMA)
                .withEncryption(encryption.build())
                .withCompressionCodec(layout.codec())
                .withWriterVersion(layout.pagesV2() ? ParquetProperties.WriterVersion.PARQUET_2_0 : ParquetProperties.WriterVersion.PARQUET_1_0)
                .withPageSize(4096)
                .withPageRowCountLimit(700)
                .withRowGroupSize(48 * 1024L)
                .withDictionaryEncoding(true)
                .withDictionaryEncoding("id", false)
                .withBloomFilterEnabled("id", true)
                .withBloomFilterEnabled("name", true)
                .build()) {
            for (int i = 0; i < ROWS; i++) writer.write(row(groups, i));
        }
        return file;
    }

    /** Row {@code i}: even ids, so an odd id lies within every row group's bounds yet matches nothing. */
    private static Group row(SimpleGroupFactory groups, int i) {
        Group row = groups.newGroup().append("id", 2L * i);
        if (i % 17 != 0) row.append("name", "name_" + (i % NAMES));
        row.append("score", i * 0.25);
        if (i % 5 != 0) {
            Group list = row.addGroup("tags");
            for (int t = 0; t < i % 4; t++) {
                Group element = list.addGroup("list");
                if ((i + t) % 6 != 0) element.append("element", "t" + ((i + t) % 7));
            }
        }
        if (i % 3 != 0) row.append("plain", i);
        return row;
    }

    private static ColumnEncryptionProperties keyed(String path, String keyId) {
        return ColumnEncryptionProperties.builder(ColumnPath.fromDotString(path)).withKey(KEYS_BY_ID.get(keyId)).withKeyMetaData(ascii(keyId)).build();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
