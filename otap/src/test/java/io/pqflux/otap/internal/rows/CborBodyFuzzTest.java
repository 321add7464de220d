package io.pqflux.otap.internal.rows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.CodedInputStream;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.pqflux.otap.OtapException;
import io.pqflux.otlp.wire.ProtoWriter;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CBOR an OTAP AnyValue column holds in {@code ser} (maps and arrays, attribute values and log bodies), of
 * arbitrary bytes, read through the internal rows as a replay reads an attribute table: a file of two rows whose
 * {@code type} is MAP or ARRAY and whose {@code ser} is the input, plain or dictionary-encoded (the rows then share
 * one parsed value), each written as the fields of an OTLP AnyValue that protobuf-java must parse back. Malformed CBOR, tags, depth past the limit, trailing bytes: an {@link OtapException} naming the
 * row. Input: byte 0's low bit picks MAP or ARRAY, its next bit dictionary encoding; the rest is the CBOR. Seeds: the
 * CBOR of the generator's attribute values.
 */
class CborBodyFuzzTest {

    /** A parsed value is a few protobuf objects per CBOR byte. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(1024, OtapException.class);
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message attrs { required int32 type (INTEGER(8,false)); optional binary ser; }");

    @TempDir
    static Path dir;

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void serColumn(byte[] input) throws IOException {
        if (input.length < 1) return;
        int type = (input[0] & 1) == 0 ? AnyValues.MAP : AnyValues.SLICE;
        boolean dictionary = (input[0] & 2) != 0;
        Path file = write(type, Arrays.copyOfRange(input, 1, input.length), dictionary);
        INVARIANTS.check(input.length, () -> {
            try (ParquetReader reader = ParquetReader.open(file); RowGroupBatch batch = reader.readRowGroup(0)) {
                AnyValues.Columns values = new AnyValues.Columns(new TableChunk(file.toString(), batch, 0), "");
                for (int row = 0; row < 2; row++) {
                    ProtoWriter out = new ProtoWriter(64);
                    values.write(out, row);
                    // what is written must be an AnyValue protobuf-java reads back
                    CodedInputStream in = CodedInputStream.newInstance(out.toByteArray());
                    // up to three messages per CBOR level (a map's list, entry, value), 65 levels: past
                    // protobuf-java's default limit of 100
                    in.setRecursionLimit(3 * (CborReader.MAX_DEPTH + 2));
                    AnyValue.parseFrom(in);
                }
            }
        });
    }

    private static Path write(int type, byte[] ser, boolean dictionary) throws IOException {
        Path file = dir.resolve("attrs.parquet");
        SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).withDictionaryEncoding(dictionary).build()) {
            for (int row = 0; row < 2; row++) writer.write(rows.newGroup().append("type", type).append("ser",
                    Binary.fromConstantByteArray(ser)));
        }
        return file;
    }
}
