package io.pqflux.bench.otap;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.pqflux.bench.checksum.Fold;
import io.pqflux.otap.generator.Golden;
import java.util.ArrayList;
import java.util.List;

/**
 * The OTAP logs suites' checksum over canonicalised records, whatever their grouping into messages: per log record a
 * code over every field of the record, its scope and its resource (attributes as multisets: each key/value's code
 * summed, so their order does not count; kvlist and array contents in order; an unset value the same as a default
 * one), summed over the records with the record count. Cheap enough to run on every measured replay; in the suites'
 * setup it is backed by an exact comparison of a sample of records ({@link #sample}).
 */
public final class LogsChecksum {

    private static final long RESOURCE = 0x1111, SCOPE = 0x2222, RECORD = 0x3333, ATTRIBUTE = 0x4444;

    private long sum;
    private long records;

    public LogsChecksum() {
    }

    /** A checksum as {@link #toText()} wrote it. */
    public static LogsChecksum parse(String text) {
        String[] parts = text.trim().split(" ");
        LogsChecksum checksum = new LogsChecksum();
        checksum.sum = Long.parseUnsignedLong(parts[0], 16);
        checksum.records = Long.parseLong(parts[1]);
        return checksum;
    }

    public String toText() {
        return String.format("%016x %d", sum, records);
    }

    public LogsChecksum add(LogsData data) {
        for (ResourceLogs resourceLogs : data.getResourceLogsList()) {
            long resource = resource(resourceLogs);
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                long scope = Fold.mix(resource, scope(scopeLogs));
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    sum += Fold.mix(scope, record(record));
                    records++;
                }
            }
        }
        return this;
    }

    /** The checksum of {@code copies} replays of what this one folded: what a partition copied that often gives. */
    public LogsChecksum times(int copies) {
        LogsChecksum repeated = new LogsChecksum();
        repeated.sum = sum * copies;
        repeated.records = records * copies;
        return repeated;
    }

    public long records() {
        return records;
    }

    /** Equal when the same records (by their codes) were added. */
    public boolean sameAs(LogsChecksum other) {
        return sum == other.sum && records == other.records;
    }

    @Override
    public String toString() {
        return String.format("checksum %016x over %,d log records", sum, records);
    }

    /**
     * The records of {@code data} whose code is a multiple of {@code every}, each as its own {@code LogsData} (its
     * resource, scope and itself) in {@link Golden#canonical} form, serialized: compared as multisets, two readers'
     * samples must be equal byte for byte.
     */
    public static List<ByteString> sample(LogsData data, int every) {
        List<ByteString> out = new ArrayList<>();
        for (ResourceLogs resourceLogs : data.getResourceLogsList()) {
            long resource = resource(resourceLogs);
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                long scope = Fold.mix(resource, scope(scopeLogs));
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    if (Long.remainderUnsigned(Fold.mix(scope, record(record)), every) != 0) continue;
                    LogsData one = LogsData.newBuilder().addResourceLogs(resourceLogs.toBuilder().clearScopeLogs()
                            .addScopeLogs(scopeLogs.toBuilder().clearLogRecords().addLogRecords(record))).build();
                    out.add(Golden.canonical(one).toByteString());
                }
            }
        }
        return out;
    }

    private static long resource(ResourceLogs resourceLogs) {
        Resource resource = resourceLogs.getResource();
        long code = Fold.mix(RESOURCE, attributes(resource.getAttributesList()));
        code = Fold.mix(code, resource.getDroppedAttributesCount());
        return Fold.mix(code, resourceLogs.getSchemaUrl().hashCode());
    }

    private static long scope(ScopeLogs scopeLogs) {
        InstrumentationScope scope = scopeLogs.getScope();
        long code = Fold.mix(SCOPE, attributes(scope.getAttributesList()));
        code = Fold.mix(code, scope.getName().hashCode());
        code = Fold.mix(code, scope.getVersion().hashCode());
        code = Fold.mix(code, scope.getDroppedAttributesCount());
        return Fold.mix(code, scopeLogs.getSchemaUrl().hashCode());
    }

    private static long record(LogRecord r) {
        long code = Fold.mix(RECORD, r.getTimeUnixNano());
        code = Fold.mix(code, r.getObservedTimeUnixNano());
        code = Fold.mix(code, r.getSeverityNumberValue());
        code = Fold.mix(code, r.getSeverityText().hashCode());
        code = Fold.mix(code, value(r.getBody()));
        code = Fold.mix(code, attributes(r.getAttributesList()));
        code = Fold.mix(code, r.getDroppedAttributesCount());
        code = Fold.mix(code, r.getFlags());
        code = Fold.mix(code, r.getTraceId().hashCode());
        code = Fold.mix(code, r.getSpanId().hashCode());
        return Fold.mix(code, r.getEventName().hashCode());
    }

    /** Order-free: the sum of the attributes' codes. */
    private static long attributes(List<KeyValue> attributes) {
        long sum = 0;
        for (KeyValue kv : attributes) sum += Fold.mix(ATTRIBUTE, keyValue(kv));
        return sum;
    }

    private static long keyValue(KeyValue kv) {
        return Fold.mix(kv.getKey().hashCode(), value(kv.getValue()));
    }

    private static long value(AnyValue value) {
        return switch (value.getValueCase()) {
            case VALUE_NOT_SET -> 0;
            case STRING_VALUE -> Fold.mix(1, value.getStringValue().hashCode());
            case BOOL_VALUE -> Fold.mix(2, value.getBoolValue() ? 1 : 0);
            case INT_VALUE -> Fold.mix(3, value.getIntValue());
            case DOUBLE_VALUE -> Fold.mix(4, Double.doubleToRawLongBits(value.getDoubleValue()));
            case BYTES_VALUE -> Fold.mix(5, value.getBytesValue().hashCode());
            case ARRAY_VALUE -> {
                long code = 6;
                for (AnyValue element : value.getArrayValue().getValuesList()) code = Fold.mix(code, value(element));
                yield code;
            }
            case KVLIST_VALUE -> {
                long code = 7;
                for (KeyValue kv : value.getKvlistValue().getValuesList()) code = Fold.mix(code, keyValue(kv));
                yield code;
            }
            default -> throw new IllegalArgumentException("AnyValue case " + value.getValueCase());
        };
    }
}
