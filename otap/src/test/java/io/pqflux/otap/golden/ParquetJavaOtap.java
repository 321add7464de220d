package io.pqflux.otap.golden;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.pqflux.reactive.testkit.ParquetJavaGroups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;

/**
 * The independent oracle (and benchmark baseline) of the OTAP logs replay: one partition's {@code logs},
 * {@code log_attrs}, {@code resource_attrs} and {@code scope_attrs} files read with parquet-java as example
 * {@link Group} records and joined with hash maps into OTLP {@code LogsData}, by separate code written from
 * {@code docs/otap-format.md} (§2, §7.2, §8.2, §8.8, §10, §13). It shares nothing with pqflux's replay.
 *
 * <p>A classic in-memory hash join: the three attribute tables of the whole partition are the build side (maps from
 * {@code parent_id} to attributes, in file order), the {@code logs} rows the probe side, read file by file in creation
 * order (the millis in {@code part-<millis>-<uuid>.parquet}). The join is literal: resource and scope attributes by
 * equality of {@code resource.id}/{@code scope.id} with {@code parent_id}, which is right for exports whose nested ids
 * are offset (the generator's {@code ResourceScopeIds.FIXED}) and for the first batch of upstream's exports
 * (docs/otap-format.md §12.1).
 *
 * <p>Messages: one {@code LogsData} per run of up to {@link #ROOTS_PER_MESSAGE} consecutive {@code logs} rows of one
 * file (batch boundaries are not recorded in the files, and with offset nested ids any cut joins the same), with
 * {@code ResourceLogs} grouped by {@code resource.id} and {@code ScopeLogs} by {@code scope.id} in order of first
 * appearance. Records are therefore the same as pqflux's, their grouping into messages need not be.
 */
public final class ParquetJavaOtap {

    /** The most {@code logs} rows one message holds: pqflux's default window, a 16-bit id space. */
    public static final int ROOTS_PER_MESSAGE = 65_536;

    private static final Pattern PART_FILE = Pattern.compile("part-(\\d+)-[0-9a-f-]+\\.parquet");
    private static final CBORFactory CBOR = new CBORFactory();

    private final Map<Long, List<KeyValue>> logAttrs;
    private final Map<Long, List<KeyValue>> resourceAttrs;
    private final Map<Long, List<KeyValue>> scopeAttrs;

    private ParquetJavaOtap(Path base, String partition) {
        logAttrs = attributes(base, partition, "log_attrs");
        resourceAttrs = attributes(base, partition, "resource_attrs");
        scopeAttrs = attributes(base, partition, "scope_attrs");
    }

    /**
     * Every message of the partition's logs, in file order.
     *
     * @param base      the exporter's base directory
     * @param partition the {@code _part_id} UUID, or {@code null} for an unpartitioned export (files directly under
     *                  {@code <base>/<table>/})
     */
    public static List<LogsData> logs(Path base, String partition) {
        List<LogsData> out = new ArrayList<>();
        forEachLogs(base, partition, out::add);
        return out;
    }

    /** {@link #logs}, each message handed to {@code sink} as soon as it is built. */
    public static void forEachLogs(Path base, String partition, Consumer<LogsData> sink) {
        ParquetJavaOtap join = new ParquetJavaOtap(base, partition);
        for (Path file : files(base, partition, "logs")) {
            List<Group> run = new ArrayList<>(ROOTS_PER_MESSAGE);
            ParquetJavaGroups.forEach(file, row -> {
                run.add(row);
                if (run.size() == ROOTS_PER_MESSAGE) {
                    sink.accept(join.logsData(run));
                    run.clear();
                }
            });
            if (!run.isEmpty()) sink.accept(join.logsData(run));
        }
    }

    /** The {@code _part_id} UUIDs that have a {@code logs} directory, sorted. */
    public static List<String> partitions(Path base) {
        Path logs = base.resolve("logs");
        if (!Files.isDirectory(logs)) return List.of();
        try (Stream<Path> entries = Files.list(logs)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("_part_id="))
                    .map(name -> name.substring("_part_id=".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + logs, e);
        }
    }

    // ---------------------------------------------------------------- probe side: logs rows to OTLP

    private LogsData logsData(List<Group> rows) {
        Map<Long, ResourceLogs.Builder> resources = new LinkedHashMap<>();
        Map<Long, Map<Long, ScopeLogs.Builder>> scopes = new HashMap<>();
        for (Group row : rows) {
            Group resource = optionalGroup(row, "resource");
            Long resourceId = resource == null ? null : optionalUnsigned32(resource, "id");
            ResourceLogs.Builder resourceLogs = resources.computeIfAbsent(resourceId, id -> resourceLogs(resource, id));
            Group scope = optionalGroup(row, "scope");
            Long scopeId = scope == null ? null : optionalUnsigned32(scope, "id");
            ScopeLogs.Builder scopeLogs = scopes.computeIfAbsent(resourceId, id -> new LinkedHashMap<>())
                    .computeIfAbsent(scopeId, id -> scopeLogs(scope, id, optionalString(row, "schema_url")));
            scopeLogs.addLogRecords(logRecord(row));
        }
        LogsData.Builder data = LogsData.newBuilder();
        resources.forEach((resourceId, resourceLogs) -> {
            scopes.get(resourceId).values().forEach(resourceLogs::addScopeLogs);
            data.addResourceLogs(resourceLogs);
        });
        return data.build();
    }

    private ResourceLogs.Builder resourceLogs(Group resource, Long id) {
        Resource.Builder r = Resource.newBuilder();
        ResourceLogs.Builder resourceLogs = ResourceLogs.newBuilder();
        if (resource != null) {
            r.setDroppedAttributesCount(optionalInt(resource, "dropped_attributes_count"));
            resourceLogs.setSchemaUrl(optionalString(resource, "schema_url"));
        }
        if (id != null) r.addAllAttributes(resourceAttrs.getOrDefault(id, List.of()));
        return resourceLogs.setResource(r);
    }

    private ScopeLogs.Builder scopeLogs(Group scope, Long id, String schemaUrl) {
        InstrumentationScope.Builder s = InstrumentationScope.newBuilder();
        if (scope != null) {
            s.setName(optionalString(scope, "name")).setVersion(optionalString(scope, "version"))
                    .setDroppedAttributesCount(optionalInt(scope, "dropped_attributes_count"));
        }
        if (id != null) s.addAllAttributes(scopeAttrs.getOrDefault(id, List.of()));
        return ScopeLogs.newBuilder().setScope(s).setSchemaUrl(schemaUrl);
    }

    private LogRecord logRecord(Group row) {
        LogRecord.Builder log = LogRecord.newBuilder()
                // u64 nanos stored as signed INT64: the bits are the value (docs/otap-format.md §7.2)
                .setTimeUnixNano(optionalLong(row, "time_unix_nano"))
                .setObservedTimeUnixNano(optionalLong(row, "observed_time_unix_nano"))
                .setTraceId(optionalBytes(row, "trace_id"))
                .setSpanId(optionalBytes(row, "span_id"))
                .setSeverityNumberValue(optionalInt(row, "severity_number"))
                .setSeverityText(optionalString(row, "severity_text"))
                .setDroppedAttributesCount(optionalInt(row, "dropped_attributes_count"))
                .setEventName(optionalString(row, "event_name"))
                .setFlags(optionalInt(row, "flags"));
        Group body = optionalGroup(row, "body");
        if (body != null) log.setBody(anyValue(body));
        Long id = optionalUnsigned32(row, "id");
        if (id != null) log.addAllAttributes(logAttrs.getOrDefault(id, List.of()));
        return log.build();
    }

    // ---------------------------------------------------------------- build side: attribute tables

    /** {@code parent_id} → the attribute rows with that parent, in file order, over every file of the table. */
    private static Map<Long, List<KeyValue>> attributes(Path base, String partition, String table) {
        Map<Long, List<KeyValue>> byParent = new HashMap<>();
        for (Path file : files(base, partition, table)) {
            ParquetJavaGroups.forEach(file, row -> {
                Long parent = optionalUnsigned32(row, "parent_id");
                if (parent == null) throw new IllegalStateException(file + ": an attribute row without parent_id");
                KeyValue.Builder kv = KeyValue.newBuilder().setKey(optionalString(row, "key"));
                AnyValue value = anyValue(row);
                if (!value.equals(AnyValue.getDefaultInstance())) kv.setValue(value);
                byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(kv.build());
            });
        }
        return byParent;
    }

    /**
     * An AnyValue stored as {@code type} and one active column (docs/otap-format.md §10): no type is the empty value; a
     * type whose column is absent or null is that type's default (the encoder leaves a column out when all its values
     * are).
     */
    private static AnyValue anyValue(Group group) {
        if (!present(group, "type")) return AnyValue.getDefaultInstance();
        int type = group.getInteger("type", 0);
        String column = switch (type) {
            case 0 -> null;
            case 1 -> "str";
            case 2 -> "int";
            case 3 -> "double";
            case 4 -> "bool";
            case 5, 6 -> "ser";
            case 7 -> "bytes";
            default -> throw new IllegalStateException("AnyValue type " + type + " is not 0 to 7");
        };
        if (column == null) return AnyValue.getDefaultInstance();
        if (!present(group, column)) {
            return switch (type) {
                case 1 -> AnyValue.newBuilder().setStringValue("").build();
                case 2 -> AnyValue.newBuilder().setIntValue(0).build();
                case 3 -> AnyValue.newBuilder().setDoubleValue(0).build();
                case 4 -> AnyValue.newBuilder().setBoolValue(false).build();
                case 5 -> AnyValue.newBuilder().setKvlistValue(io.opentelemetry.proto.common.v1.KeyValueList.getDefaultInstance()).build();
                case 6 -> AnyValue.newBuilder().setArrayValue(io.opentelemetry.proto.common.v1.ArrayValue.getDefaultInstance()).build();
                default -> AnyValue.newBuilder().setBytesValue(ByteString.EMPTY).build();
            };
        }
        return switch (type) {
            case 1 -> AnyValue.newBuilder().setStringValue(group.getString(column, 0)).build();
            case 2 -> AnyValue.newBuilder().setIntValue(group.getLong(column, 0)).build();
            case 3 -> AnyValue.newBuilder().setDoubleValue(group.getDouble(column, 0)).build();
            case 4 -> AnyValue.newBuilder().setBoolValue(group.getBoolean(column, 0)).build();
            case 7 -> AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(group.getBinary(column, 0).getBytes())).build();
            default -> cbor(group.getBinary(column, 0).getBytes(), type == 5);
        };
    }

    /** A {@code ser} value: a CBOR map (kvlist) or array, indefinite or definite lengths, any float width. */
    private static AnyValue cbor(byte[] ser, boolean map) {
        try (CBORParser parser = CBOR.createParser(ser)) {
            JsonToken first = parser.nextToken();
            if (first != (map ? JsonToken.START_OBJECT : JsonToken.START_ARRAY)) {
                throw new IllegalStateException("ser starts with " + first + ", expected a CBOR " + (map ? "map" : "array"));
            }
            return cborValue(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("decoding ser", e);
        }
    }

    private static AnyValue cborValue(CBORParser parser) throws IOException {
        AnyValue.Builder value = AnyValue.newBuilder();
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                KeyValueList.Builder kvlist = KeyValueList.newBuilder();
                for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                    parser.nextToken();
                    KeyValue.Builder kv = KeyValue.newBuilder().setKey(key);
                    AnyValue entry = cborValue(parser);
                    if (!entry.equals(AnyValue.getDefaultInstance())) kv.setValue(entry);
                    kvlist.addValues(kv);
                }
                value.setKvlistValue(kvlist);
            }
            case START_ARRAY -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                while (parser.nextToken() != JsonToken.END_ARRAY) array.addValues(cborValue(parser));
                value.setArrayValue(array);
            }
            case VALUE_STRING -> value.setStringValue(parser.getText());
            case VALUE_NUMBER_INT -> value.setIntValue(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> value.setDoubleValue(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> value.setBoolValue(parser.getBooleanValue());
            case VALUE_EMBEDDED_OBJECT -> value.setBytesValue(ByteString.copyFrom(parser.getBinaryValue()));
            case VALUE_NULL -> { }
            default -> throw new IllegalStateException("unexpected CBOR " + parser.currentToken());
        }
        return value.build();
    }

    // ---------------------------------------------------------------- files and rows

    /** A table's finished files in the partition, in creation order; staging files ({@code .parquet#N}) left out. */
    private static List<Path> files(Path base, String partition, String table) {
        Path directory = partition == null ? base.resolve(table) : base.resolve(table).resolve("_part_id=" + partition);
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> Files.isRegularFile(p) && PART_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(ParquetJavaOtap::creationMillis)
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + directory, e);
        }
    }

    private static long creationMillis(Path file) {
        Matcher m = PART_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(file.toString());
        return Long.parseLong(m.group(1));
    }


    // ---------------------------------------------------------------- any column OPTIONAL (docs/otap-format.md §7.2)

    private static boolean present(Group group, String field) {
        return group.getType().containsField(field) && group.getFieldRepetitionCount(field) > 0;
    }

    private static Group optionalGroup(Group group, String field) {
        return present(group, field) ? group.getGroup(field, 0) : null;
    }

    /** An {@code INTEGER(16|32,false)} id, unsigned; null when absent. */
    private static Long optionalUnsigned32(Group group, String field) {
        return present(group, field) ? Integer.toUnsignedLong(group.getInteger(field, 0)) : null;
    }

    private static int optionalInt(Group group, String field) {
        return present(group, field) ? group.getInteger(field, 0) : 0;
    }

    private static long optionalLong(Group group, String field) {
        return present(group, field) ? group.getLong(field, 0) : 0;
    }

    private static String optionalString(Group group, String field) {
        return present(group, field) ? group.getString(field, 0) : "";
    }

    private static ByteString optionalBytes(Group group, String field) {
        return present(group, field) ? ByteString.copyFrom(group.getBinary(field, 0).getBytes()) : ByteString.EMPTY;
    }
}
