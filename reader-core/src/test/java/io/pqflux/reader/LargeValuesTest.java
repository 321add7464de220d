package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.nested.MapValue;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.TestScale;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * large_string_map.brotli.parquet (parquet-testing README, "Large string map"): a 4 KB brotli file holding
 * two rows of MAP(STRING, INT32), each {@code {"a" * 2^30: 1}}, so its key chunk is over 2 GiB. parquet-java
 * cannot read it. With the default 1 GiB page limit it is a ResourceLimitException (the manifest checks
 * that); with the limit raised it reads as documented.
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "half a minute of brotli; its GiB buffers are above the pool's largest class, never pooled, "
                + "and its small ones take the paths of the other corpus tests")
class LargeValuesTest {

    private static final long ONE_GIB = 1L << 30;

    @Test
    void stringsOfOneGibInAMapReadAsDocumentedWhenTheLimitAllowsThem() {
        ReadOptions options = ReadOptions.defaults().withLimits(2 * ONE_GIB, 4 * ONE_GIB);
        try (ParquetReader reader = ParquetReader.open(Corpus.file("data/large_string_map.brotli.parquet"), options);
             RowCursor rows = reader.rows();
             Arena arena = Arena.ofConfined()) {
            MemorySegment expectedKey = arena.allocate(ONE_GIB).fill((byte) 'a');
            int count = 0;
            while (rows.next()) {
                MapValue map = rows.getMap("arr");
                assertThat(map.size()).isEqualTo(1);
                MemorySegment key = map.keys().getBytes(0);
                assertThat(key.byteSize()).isEqualTo(ONE_GIB);
                assertThat(key.mismatch(expectedKey)).as("first byte that is not 'a'").isEqualTo(-1L);
                assertThat(map.values().getInt(0)).isEqualTo(1);
                count++;
            }
            assertThat(count).isEqualTo(2);
        }
    }
}
