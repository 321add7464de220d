package io.pqflux.testdata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DecimalType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Files shaped like those other engines write and parquet-java's writer does not (or not on purpose), built at
 * test time: TIME values outside a day, groups without children, and annotations their columns' types cannot have.
 *
 * <p>parquet-java's writer refuses a schema with an empty group ("Cannot write a schema with an empty group"),
 * so the empty-group files are written by parquet-java without them, and the footer is then rewritten with
 * parquet-format-structures' Thrift classes to insert group {@link SchemaElement}s with {@code num_children = 0}.
 * Adding schema nodes without columns changes no column path, column chunk or offset, so the data pages stay
 * as parquet-java wrote them.
 */
public final class ForeignWriterFiles {

    /** The TIME columns of {@link #timesOutsideADay}, one per unit and physical type. */
    public static final List<String> TIME_COLUMNS = List.of("t_millis", "t_micros", "t_nanos");

    private ForeignWriterFiles() {
    }

    /**
     * {@code times_outside_a_day.parquet}: {@code id} and TIME(MILLIS) int32, TIME(MICROS) int64, TIME(NANOS)
     * int64 columns (the first and last adjusted to UTC, as a time with a time zone is written), one row per case:
     * <ol start="0">
     *   <li>01:02:03.004005006 (truncated to each unit) — an ordinary time of day;</li>
     *   <li>-03:51:39 — negative, as an engine writes a time with a time zone shifted to UTC;</li>
     *   <li>-1 unit — just before midnight, negative;</li>
     *   <li>exactly 24:00:00 — a day, the first value outside [0, 24h);</li>
     *   <li>25:02:03.004005006 — more than a day;</li>
     *   <li>the physical extremes: int32 minimum (millis), int64 minimum (micros), int64 maximum (nanos);</li>
     *   <li>nulls;</li>
     *   <li>0 and the last unit of the day (23:59:59.999…), the bounds of a time of day.</li>
     * </ol>
     * ExampleParquetWriter writes the values as given: it does not check TIME ranges.
     */
    public static Path timesOutsideADay(Path directory) {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message times {
                  required int32 id;
                  optional int32 t_millis (TIME(MILLIS,true));
                  optional int64 t_micros (TIME(MICROS,false));
                  optional int64 t_nanos (TIME(NANOS,true));
                }""");
        long ordinary = 3_723_004_005_006L;
        long negative = -13_899_000_000_000L;
        long day = 86_400_000_000_000L;
        long[][] nanosPerRow = {
                {ordinary, ordinary, ordinary},
                {negative, negative, negative},
                {-1_000_000L, -1_000L, -1L},
                {day, day, day},
                {day + ordinary, day + ordinary, day + ordinary},
        };
        Path path = directory.resolve("times_outside_a_day.parquet");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = writer(path, schema)) {
            int id = 0;
            for (long[] nanos : nanosPerRow) {
                writer.write(rows.newGroup().append("id", id++)
                        .append("t_millis", (int) (nanos[0] / 1_000_000L))
                        .append("t_micros", nanos[1] / 1_000L)
                        .append("t_nanos", nanos[2]));
            }
            writer.write(rows.newGroup().append("id", id++)
                    .append("t_millis", Integer.MIN_VALUE).append("t_micros", Long.MIN_VALUE).append("t_nanos", Long.MAX_VALUE));
            writer.write(rows.newGroup().append("id", id++));
            writer.write(rows.newGroup().append("id", id++)
                    .append("t_millis", 0).append("t_micros", 86_399_999_999L).append("t_nanos", day - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /**
     * {@code empty_groups.parquet}: groups without children at the top level ({@code e}, optional; {@code r},
     * repeated), inside a struct ({@code s.se}, required), inside list elements ({@code l.list.element.le}), and a
     * group whose only child is an empty group ({@code g.inner}). parquet-java's record reader fails when an empty
     * group is the first or last field below the root or a repeated group (following first children or last
     * children down, see {@link #emptyGroupsLast}); here none is, so parquet-java reads the file. Schema, in file
     * order:
     * <pre>
     * required int32 id; optional group e {}; optional group s { required group se {}; optional int32 x; }
     * optional group l (LIST) { repeated group list { optional group element { optional binary name (STRING);
     *   optional group le {}; optional int32 n; } } }
     * optional group g { optional group inner {} }; repeated group r {}; optional binary tail (STRING);
     * </pre>
     * Rows: {@code id} 0 has every struct and list present ({@code l} = [{name "a", n 1}, null, {name null, n null}]),
     * 1 has them null, 2 has {@code s.x} null and an empty list.
     */
    public static Path emptyGroups(Path directory) {
        MessageType written = MessageTypeParser.parseMessageType("""
                message empty_groups {
                  required int32 id;
                  optional group s { optional int32 x; }
                  optional group l (LIST) {
                    repeated group list { optional group element { optional binary name (STRING); optional int32 n; } }
                  }
                  optional binary tail (STRING);
                }""");
        Path path = directory.resolve("empty_groups.parquet");
        SimpleGroupFactory rows = new SimpleGroupFactory(written);
        try (ParquetWriter<Group> writer = writer(path, written)) {
            Group first = rows.newGroup().append("id", 0).append("tail", "t0");
            first.addGroup("s").append("x", 1);
            Group list = first.addGroup("l");
            list.addGroup("list").addGroup("element").append("name", "a").append("n", 1);
            list.addGroup("list");
            list.addGroup("list").addGroup("element");
            writer.write(first);
            writer.write(rows.newGroup().append("id", 1));
            Group third = rows.newGroup().append("id", 2).append("tail", "t2");
            third.addGroup("s");
            third.addGroup("l");
            writer.write(third);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rewriteSchema(path, root -> {
            root.insert(1, emptyGroup("e", FieldRepetitionType.OPTIONAL));
            root.child("s").insert(0, emptyGroup("se", FieldRepetitionType.REQUIRED));
            root.child("l").child("list").child("element").insert(1, emptyGroup("le", FieldRepetitionType.OPTIONAL));
            Node g = emptyGroup("g", FieldRepetitionType.OPTIONAL);
            g.insert(0, emptyGroup("inner", FieldRepetitionType.OPTIONAL));
            root.insert(root.children.size() - 1, g);
            root.insert(root.children.size() - 1, emptyGroup("r", FieldRepetitionType.REPEATED));
        });
        return path;
    }

    /**
     * {@code empty_groups_last.parquet}: an empty group as the last top-level field ({@code last}) and as the
     * value of a map ({@code m}, key STRING, the value group last in its entries). parquet-java 1.18.1's record
     * reader fails on this schema (an {@code IndexOutOfBoundsException} in {@code GroupColumnIO.getLast}: it looks
     * for the last column below the root and below each repeated group, and finds an empty group); pqflux reads it. Schema: {@code required int32 id; optional group m (MAP) { repeated group key_value {
     * required binary key (STRING); optional group value {} } }; optional group last {}}. Rows: {@code id} 0 with
     * {@code m} = {a, b}, 1 with {@code m} null, 2 with {@code m} empty.
     */
    public static Path emptyGroupsLast(Path directory) {
        MessageType written = MessageTypeParser.parseMessageType("""
                message empty_groups_last {
                  required int32 id;
                  optional group m (MAP) { repeated group key_value { required binary key (STRING); } }
                }""");
        Path path = directory.resolve("empty_groups_last.parquet");
        SimpleGroupFactory rows = new SimpleGroupFactory(written);
        try (ParquetWriter<Group> writer = writer(path, written)) {
            Group first = rows.newGroup().append("id", 0);
            Group map = first.addGroup("m");
            map.addGroup("key_value").append("key", "a");
            map.addGroup("key_value").append("key", "b");
            writer.write(first);
            writer.write(rows.newGroup().append("id", 1));
            Group third = rows.newGroup().append("id", 2);
            third.addGroup("m");
            writer.write(third);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rewriteSchema(path, root -> {
            root.child("m").child("key_value").insert(1, emptyGroup("value", FieldRepetitionType.OPTIONAL));
            root.insert(root.children.size(), emptyGroup("last", FieldRepetitionType.OPTIONAL));
        });
        return path;
    }

    /**
     * {@code misannotated.parquet}: annotations on physical types they cannot annotate, as a faulty writer leaves them
     * (parquet-java's writer refuses them, so the footer is rewritten after writing): {@code flag}, a BOOLEAN annotated
     * DECIMAL(9,2) (logical and converted type), and {@code n}, an INT32 annotated STRING (logical type) and UTF8
     * (converted type); {@code id} (INT32) and {@code name} (STRING) are well annotated. parquet-java refuses to open
     * the file. Rows: (0, true, 1, "a"), (1, false, -2, null), (2, null, null, "c").
     */
    public static Path misannotated(Path directory) {
        MessageType written = MessageTypeParser.parseMessageType("""
                message misannotated {
                  required int32 id;
                  optional boolean flag;
                  optional int32 n;
                  optional binary name (STRING);
                }""");
        Path path = directory.resolve("misannotated.parquet");
        SimpleGroupFactory rows = new SimpleGroupFactory(written);
        try (ParquetWriter<Group> writer = writer(path, written)) {
            writer.write(rows.newGroup().append("id", 0).append("flag", true).append("n", 1).append("name", "a"));
            writer.write(rows.newGroup().append("id", 1).append("flag", false).append("n", -2));
            writer.write(rows.newGroup().append("id", 2).append("name", "c"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rewriteSchema(path, root -> {
            SchemaElement flag = root.child("flag").element();
            flag.setLogicalType(LogicalType.DECIMAL(new DecimalType(2, 9)));
            flag.setConverted_type(ConvertedType.DECIMAL);
            flag.setPrecision(9);
            flag.setScale(2);
            SchemaElement n = root.child("n").element();
            n.setLogicalType(LogicalType.STRING(new StringType()));
            n.setConverted_type(ConvertedType.UTF8);
        });
        return path;
    }

    private static ParquetWriter<Group> writer(Path path, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    private static Node emptyGroup(String name, FieldRepetitionType repetition) {
        SchemaElement element = new SchemaElement(name);
        element.setRepetition_type(repetition);
        element.setNum_children(0);
        return new Node(element, new ArrayList<>());
    }

    /** A schema element with its children, for editing the flattened schema list as a tree. */
    private record Node(SchemaElement element, List<Node> children) {

        Node child(String name) {
            return children.stream().filter(c -> c.element.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no child '" + name + "' in " + element.getName()));
        }

        void insert(int index, Node child) {
            children.add(index, child);
        }

        static Node read(List<SchemaElement> flat, int[] next) {
            SchemaElement element = flat.get(next[0]++);
            List<Node> children = new ArrayList<>();
            int count = element.isSetNum_children() ? element.getNum_children() : 0;
            for (int i = 0; i < count; i++) children.add(read(flat, next));
            return new Node(element, children);
        }

        void flatten(List<SchemaElement> out) {
            out.add(element);
            if (!element.isSetType()) element.setNum_children(children.size());
            for (Node child : children) child.flatten(out);
        }
    }

    /** Replaces the footer of {@code path} with one whose schema {@code edit} changed; the data stays as it is. */
    private static void rewriteSchema(Path path, java.util.function.Consumer<Node> edit) {
        try {
            byte[] file = Files.readAllBytes(path);
            int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int footerStart = file.length - 8 - footerLength;
            FileMetaData metaData = Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
            Node root = Node.read(metaData.getSchema(), new int[1]);
            edit.accept(root);
            List<SchemaElement> schema = new ArrayList<>();
            root.flatten(schema);
            metaData.setSchema(schema);
            ByteArrayOutputStream footer = new ByteArrayOutputStream();
            Util.writeFileMetaData(metaData, footer);
            ByteArrayOutputStream out = new ByteArrayOutputStream(footerStart + footer.size() + 8);
            out.write(file, 0, footerStart);
            footer.writeTo(out);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
            out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
            Files.write(path, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
