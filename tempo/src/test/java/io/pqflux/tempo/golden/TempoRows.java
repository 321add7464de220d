package io.pqflux.tempo.golden;

import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Small hand-made vParquet4 files for the paths the bundled block cannot exercise: parquet-java's example writer with
 * the bundled block's own schema (pre-release attribute layout) or that schema with the released {@code IsArray} /
 * {@code ValueUnsupported} leaves in place of {@code ValueType} / {@code ValueDropped} (docs/tempo-format.md §9's
 * table).
 */
public final class TempoRows {

    private TempoRows() {
    }

    /** The bundled block's schema: the pre-release attribute layout, otherwise the released one. */
    static MessageType preReleaseSchema() {
        return schemaOf(Corpus.tempoBlock().resolve("data.parquet"));
    }

    /** The schema of a {@code data.parquet}, e.g. a bundled vParquet3 or vParquet5 block's. */
    static MessageType schemaOf(Path dataParquet) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dataParquet),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            return reader.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the schema of " + dataParquet, e);
        }
    }

    /** The released vParquet4 schema (§4.1). */
    public static MessageType releasedSchema() {
        MessageType preRelease = preReleaseSchema();
        return new MessageType(preRelease.getName(), released(preRelease).getFields());
    }

    private static GroupType released(GroupType group) {
        List<Type> fields = new ArrayList<>();
        for (Type field : group.getFields()) {
            if (field.getName().equals("ValueType")) {
                fields.add(Types.required(PrimitiveTypeName.BOOLEAN).named("IsArray"));
            } else if (field.getName().equals("ValueDropped")) {
                fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named("ValueUnsupported"));
            } else {
                fields.add(field.isPrimitive() ? field : released(field.asGroupType()));
            }
        }
        return group.withNewFields(fields);
    }

    static Group row(MessageType schema) {
        return new SimpleGroup(schema);
    }

    /** A new element of the 3-level LIST group {@code field} of {@code parent}. */
    static Group element(Group parent, String field) {
        return listEntry(parent, field).addGroup("element");
    }

    /** A new entry of the LIST group {@code field}; append the primitive {@code element} to it. */
    static Group listEntry(Group parent, String field) {
        Group container = parent.getFieldRepetitionCount(field) == 0 ? parent.addGroup(field) : parent.getGroup(field, 0);
        return container.addGroup("list");
    }

    /** A new attribute of {@code owner}'s {@code Attrs} list. */
    static Group attribute(Group owner, String key) {
        Group attribute = element(owner, "Attrs");
        attribute.append("Key", key);
        return attribute;
    }

    static Binary bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return Binary.fromConstantByteArray(out);
    }

    /** Writes the rows after giving every missing required field its zero value (empty lists, "", 0, false). */
    static Path write(Path directory, String name, MessageType schema, List<Group> rows) {
        rows.forEach(TempoRows::completeRequired);
        Path path = directory.resolve(name);
        RandomParquetFiles.write(path, schema,
                WriterSettings.plain(WriterVersion.PARQUET_2_0, CompressionCodecName.UNCOMPRESSED, true), rows);
        return path;
    }

    private static void completeRequired(Group group) {
        GroupType type = group.getType();
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type field = type.getType(i);
            if (group.getFieldRepetitionCount(i) == 0 && field.isRepetition(Type.Repetition.REQUIRED)) {
                if (field.isPrimitive()) appendZero(group, i, field.asPrimitiveType());
                else group.addGroup(i);
            }
            if (!field.isPrimitive()) {
                for (int r = 0; r < group.getFieldRepetitionCount(i); r++) completeRequired(group.getGroup(i, r));
            }
        }
    }

    private static void appendZero(Group group, int field, PrimitiveType type) {
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> group.add(field, false);
            case INT32 -> group.add(field, 0);
            case INT64 -> group.add(field, 0L);
            case DOUBLE -> group.add(field, 0.0);
            case BINARY -> group.add(field, Binary.EMPTY);
            default -> throw new IllegalArgumentException("no zero value for " + type);
        }
    }
}
