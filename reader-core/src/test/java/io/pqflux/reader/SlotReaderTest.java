package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.nested.SlotReader;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading leaves by slot, as the Tempo and OTAP mappers do, against rows parquet-java wrote. */
class SlotReaderTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message m {
              required binary name (STRING);
              repeated group attrs {
                required binary key (STRING);
                optional int64 number;
                optional binary blob;
              }
              optional fixed_len_byte_array(3) code;
            }""");

    @TempDir
    Path dir;

    @Test
    void readsValuesListsAndNullsBySlot() throws Exception {
        Path file = dir.resolve("slots.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, SCHEMA).withDictionaryEncoding(true).build()) {
            Group first = groups.newGroup().append("name", "checkout")
                    .append("code", Binary.fromConstantByteArray(new byte[] {'a', 'b', 'c'}));
            first.addGroup("attrs").append("key", "http.method").append("number", 200L)
                    .append("blob", Binary.fromConstantByteArray(new byte[] {1, 2}));
            first.addGroup("attrs").append("key", "retry");
            writer.write(first);
            writer.write(groups.newGroup().append("name", "cart"));
            Group third = groups.newGroup().append("name", "checkout")
                    .append("code", Binary.fromConstantByteArray(new byte[] {'x', 'y', 'z'}));
            third.addGroup("attrs").append("key", "http.method").append("number", -1L);
            writer.write(third);
        }

        try (ParquetReader reader = ParquetReader.open(file); RowGroupBatch batch = reader.readRowGroup(0)) {
            SlotReader name = SlotReader.of(batch.columns().get(0));
            SlotReader key = SlotReader.of(batch.columns().get(1));
            SlotReader number = SlotReader.of(batch.columns().get(2));
            SlotReader blob = SlotReader.of(batch.columns().get(3));
            SlotReader code = SlotReader.of(batch.columns().get(4));

            assertThat(List.of(name.string(0), name.string(1), name.string(2))).containsExactly("checkout", "cart", "checkout");
            assertThat(name.string(2)).as("a dictionary entry is decoded once").isSameAs(name.string(0));

            List<String> attributes = new ArrayList<>();
            for (int row = 0; row < 3; row++) {
                assertThat(key.first(row)).isEqualTo(key.first(1, row));
                assertThat(key.end(row)).isEqualTo(key.end(1, row));
                for (int a = key.first(row); a < key.end(row); a++) {
                    attributes.add(row + ":" + key.string(a) + "=" + number.int64Or(a, 0) + "/" + blob.isNull(a));
                }
            }
            assertThat(attributes).containsExactly("0:http.method=200/false", "0:retry=0/true", "2:http.method=-1/true");
            assertThat(blob.byteArray(key.first(0))).containsExactly(1, 2);
            assertThat(key.string(key.first(2))).isSameAs(key.string(key.first(0)));
            assertThat(number.stringOr(1, "none")).isEqualTo("none");
            assertThat(name.isPresent()).isTrue();
            assertThat(name.first(0)).as("a leaf under no repeated node has no list").isZero();

            // every binary value located in its leaf's store: dictionary entries, plain values, fixed-length values
            for (SlotReader leaf : List.of(name, key, blob, code)) {
                for (int slot = 0; slot < 3; slot++) {
                    if (leaf.isNull(slot)) continue;
                    assertThat(leaf.byteStore().asSlice(leaf.byteOffset(slot), leaf.byteLength(slot)).toArray(ValueLayout.JAVA_BYTE))
                            .as("slot %d", slot).isEqualTo(leaf.byteArray(slot));
                }
            }
            assertThat(code.isNull(1)).isTrue();
            assertThat(code.byteOffset(2)).isEqualTo(3);
        }
    }

    @Test
    void anAbsentLeafIsNullEverywhereWithEmptyLists() {
        SlotReader absent = SlotReader.absent();
        assertThat(absent.isPresent()).isFalse();
        assertThat(absent.isNull(7)).isTrue();
        assertThat(absent.isValid(1, 7)).isFalse();
        assertThat(absent.first(3)).isEqualTo(absent.end(3)).isZero();
        assertThat(absent.first(1, 3)).isEqualTo(absent.end(1, 3)).isZero();
        assertThat(absent.stringOr(0, "")).isEmpty();
        assertThat(absent.int64Or(0, 42)).isEqualTo(42);
        assertThat(absent.int32Or(0, 7)).isEqualTo(7);
        assertThat(absent.float64Or(0, 1.5)).isEqualTo(1.5);
    }
}
