package io.pqflux.otap.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code ARROW:schema} key/value metadata arrow-rs writes: base64 of {@code 0xFFFFFFFF}, the little-endian length
 * and an Arrow IPC {@code Message} flatbuffer (metadata version V5) whose header is the {@code Schema}: fields with
 * name, nullability, type and children, and the schema's custom metadata ({@code _part_id} on root tables).
 *
 * <p>Not reproduced: Arrow dictionary types ({@code Dictionary(UInt8|UInt16, Utf8)}: every field is written with its
 * value type, as if the batch had been plain), field metadata ({@code encoding: plain} on nested ids), and the exact
 * byte layout of Rust's flatbuffers builder (this one lays objects out front to back). Readers must not depend on this
 * value anyway (docs/otap-format.md §6); it is here so that files carry a well-formed one.
 */
final class ArrowSchemaIpc {

    private ArrowSchemaIpc() {
    }

    static String base64(List<ArrowField> fields, Map<String, String> schemaMetadata) {
        byte[] message = message(fields, schemaMetadata);
        byte[] out = new byte[8 + message.length];
        Arrays.fill(out, 0, 4, (byte) 0xff);
        for (int i = 0; i < 4; i++) out[4 + i] = (byte) (message.length >>> (8 * i));
        System.arraycopy(message, 0, out, 8, message.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /** The flatbuffer {@code Message { version: V5, header_type: Schema, header: Schema }}. */
    static byte[] message(List<ArrowField> fields, Map<String, String> schemaMetadata) {
        List<Node> metadata = new ArrayList<>();
        new TreeMap<>(schemaMetadata).forEach((k, v) -> metadata.add(table(new Str(k), new Str(v))));
        Table schema = table(null, new Vec(fields.stream().map(ArrowSchemaIpc::field).toList()),
                metadata.isEmpty() ? null : new Vec(metadata));
        Table message = table(new Scalar(2, 4 /* MetadataVersion.V5 */), new Scalar(1, 1 /* MessageHeader.Schema */),
                schema);
        Writer writer = new Writer();
        writer.int32(0);
        int root = writer.table(message);
        writer.patch(0, root);
        return writer.bytes();
    }

    private static Table field(ArrowField field) {
        int typeCode;
        Table type;
        switch (field.type()) {
            case UINT8 -> { typeCode = 2; type = integer(8, false); }
            case UINT16 -> { typeCode = 2; type = integer(16, false); }
            case UINT32 -> { typeCode = 2; type = integer(32, false); }
            case UINT64 -> { typeCode = 2; type = integer(64, false); }
            case INT32 -> { typeCode = 2; type = integer(32, true); }
            case INT64 -> { typeCode = 2; type = integer(64, true); }
            case FLOAT64 -> { typeCode = 3; type = table(new Scalar(2, 2 /* DOUBLE */)); }
            case BINARY -> { typeCode = 4; type = table(); }
            case UTF8 -> { typeCode = 5; type = table(); }
            case BOOL -> { typeCode = 6; type = table(); }
            case TIMESTAMP_NS -> { typeCode = 10; type = table(new Scalar(2, 3 /* NANOSECOND */)); }
            case LIST -> { typeCode = 12; type = table(); }
            case STRUCT -> { typeCode = 13; type = table(); }
            case FIXED_8 -> { typeCode = 15; type = table(new Scalar(4, 8)); }
            case FIXED_16 -> { typeCode = 15; type = table(new Scalar(4, 16)); }
            case DURATION_NS -> { typeCode = 18; type = table(new Scalar(2, 3 /* NANOSECOND */)); }
            default -> throw new IllegalArgumentException(field.type().name());
        }
        return table(new Str(field.name()), new Scalar(1, field.nullable() ? 1 : 0), new Scalar(1, typeCode), type, null,
                new Vec(field.children().stream().map(ArrowSchemaIpc::field).toList()));
    }

    private static Table integer(int bits, boolean signed) {
        return table(new Scalar(4, bits), new Scalar(1, signed ? 1 : 0));
    }

    // ------------------------------------------------------------ a minimal flatbuffer writer

    private sealed interface Node permits Scalar, Str, Vec, Table {
    }

    private record Scalar(int size, long value) implements Node {
    }

    private record Str(String value) implements Node {
    }

    private record Vec(List<? extends Node> tables) implements Node {
    }

    /** A table; {@code fields.get(i)} is field id {@code i}, {@code null} when absent. */
    private record Table(List<Node> fields) implements Node {
    }

    private static Table table(Node... fields) {
        return new Table(Arrays.asList(fields));
    }

    /**
     * Lays objects out front to back: a table's inline part, then its vtable, then the objects it refers to, so every
     * unsigned offset points forward as flatbuffers requires. Tables start 8-aligned, inline scalars are aligned to
     * their size, strings and vectors 4-aligned.
     */
    private static final class Writer {
        private byte[] buffer = new byte[256];
        private int size;

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }

        private int reserve(int bytes) {
            if (size + bytes > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
            int at = size;
            size += bytes;
            return at;
        }

        private void align(int alignment) {
            reserve((alignment - size % alignment) % alignment);
        }

        /** Little-endian {@code bytes} bytes of {@code value} at {@code at}. */
        private void put(int at, int bytes, long value) {
            for (int i = 0; i < bytes; i++) buffer[at + i] = (byte) (value >>> (8 * i));
        }

        void int32(int value) {
            put(reserve(4), 4, value);
        }

        /** Writes the u32 offset from {@code at} to {@code target} at {@code at}. */
        void patch(int at, int target) {
            put(at, 4, target - at);
        }

        private int node(Node node) {
            return switch (node) {
                case Table t -> table(t);
                case Str s -> string(s.value());
                case Vec v -> vector(v.tables());
                case Scalar s -> throw new IllegalArgumentException("a scalar is inline");
            };
        }

        private int string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            align(4);
            int start = reserve(4 + utf8.length + 1);
            put(start, 4, utf8.length);
            System.arraycopy(utf8, 0, buffer, start + 4, utf8.length);
            return start;
        }

        private int vector(List<? extends Node> tables) {
            align(4);
            int start = reserve(4 + 4 * tables.size());
            put(start, 4, tables.size());
            for (int i = 0; i < tables.size(); i++) {
                int slot = start + 4 + 4 * i;
                patch(slot, node(tables.get(i)));
            }
            return start;
        }

        int table(Table table) {
            List<Node> fields = table.fields();
            // inline layout: the vtable's soffset at 0, then fields by descending width, each aligned to its width
            int[] fieldOffset = new int[fields.size()];
            int inline = 4;
            for (int width : new int[] {8, 4, 2, 1}) {
                for (int i = 0; i < fields.size(); i++) {
                    Node f = fields.get(i);
                    int fieldWidth = f == null ? 0 : f instanceof Scalar s ? s.size() : 4;
                    if (fieldWidth != width) continue;
                    inline = (inline + width - 1) / width * width;
                    fieldOffset[i] = inline;
                    inline += width;
                }
            }
            align(8);
            int start = reserve(inline);
            align(2);
            int vtable = reserve(4 + 2 * fields.size());
            put(vtable, 2, 4 + 2L * fields.size());
            put(vtable + 2, 2, inline);
            for (int i = 0; i < fields.size(); i++) put(vtable + 4 + 2 * i, 2, fieldOffset[i]);
            put(start, 4, start - vtable);
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) instanceof Scalar s) put(start + fieldOffset[i], s.size(), s.value());
            }
            for (int i = 0; i < fields.size(); i++) {
                Node f = fields.get(i);
                if (f != null && !(f instanceof Scalar)) patch(start + fieldOffset[i], node(f));
            }
            return start;
        }
    }
}
