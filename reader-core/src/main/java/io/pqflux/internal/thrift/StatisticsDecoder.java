package io.pqflux.internal.thrift;

import static io.pqflux.internal.thrift.CompactReader.*;


import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.KeyValue;
import io.pqflux.format.meta.Statistics;
import java.util.List;

/** Structs shared by the footer and page headers: Statistics and KeyValue. */
final class StatisticsDecoder {

    private static final byte[] STATISTICS = {STOP, BINARY, BINARY, I64, I64, BINARY, BINARY, BOOLEAN_TRUE, BOOLEAN_TRUE, I64};
    private static final byte[] KEY_VALUE = {STOP, BINARY, BINARY};

    private StatisticsDecoder() {
    }

    static Statistics readStatistics(CompactReader r) {
        BinaryValue max = null, min = null, maxValue = null, minValue = null;
        Long nullCount = null, distinctCount = null, nanCount = null;
        Boolean maxExact = null, minExact = null;
        r.beginStruct();
        while (r.nextField(STATISTICS)) {
            switch (r.fieldId()) {
                case 1 -> max = BinaryValue.wrap(r.readBinary("Statistics.max"));
                case 2 -> min = BinaryValue.wrap(r.readBinary("Statistics.min"));
                case 3 -> nullCount = r.readI64("Statistics.null_count");
                case 4 -> distinctCount = r.readI64("Statistics.distinct_count");
                case 5 -> maxValue = BinaryValue.wrap(r.readBinary("Statistics.max_value"));
                case 6 -> minValue = BinaryValue.wrap(r.readBinary("Statistics.min_value"));
                case 7 -> maxExact = r.fieldBoolean("Statistics.is_max_value_exact");
                case 8 -> minExact = r.fieldBoolean("Statistics.is_min_value_exact");
                case 9 -> nanCount = r.readI64("Statistics.nan_count");
            }
        }
        r.endStruct();
        return new Statistics(max, min, nullCount, distinctCount, maxValue, minValue, maxExact, minExact, nanCount);
    }

    static List<KeyValue> readKeyValues(CompactReader r, String field) {
        return r.readList(field, STRUCT, StatisticsDecoder::readKeyValue);
    }

    private static KeyValue readKeyValue(CompactReader r) {
        String key = null, value = null;
        r.beginStruct();
        while (r.nextField(KEY_VALUE)) {
            switch (r.fieldId()) {
                case 1 -> key = r.readString("KeyValue.key");
                case 2 -> value = r.readString("KeyValue.value");
            }
        }
        r.endStruct();
        if (key == null) throw r.corrupt("KeyValue.key is missing");
        return new KeyValue(key, value);
    }

}
