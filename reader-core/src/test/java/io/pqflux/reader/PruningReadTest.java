package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.filter.Predicate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadOptions#withPruning}: row groups and pages are skipped where no row can hold a matching value, repeated
 * columns included ("some value of the row"), and no row is filtered. The oracle is the rows as generated: every row
 * with a matching value must come back, unchanged, and a selective condition must skip something.
 */
class PruningReadTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message row {
              required int32 id;
              optional group tags (LIST) { repeated group list { optional binary element (UTF8); } }
              repeated int64 durations;
            }""");
    private static final int ROWS = 6000;

    @TempDir
    static Path dir;
    private static Path file;
    /** Each row's tags and durations, as written. */
    private static final List<List<String>> TAGS = new ArrayList<>();
    private static final List<List<Long>> DURATIONS = new ArrayList<>();

    /** Rows in id order; tags and durations drawn from a vocabulary that changes every 1,500 rows. */
    @BeforeAll
    static void write() throws IOException {
        file = dir.resolve("pruning.parquet");
        Random random = new Random(42);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, SCHEMA).withWriterVersion(WriterVersion.PARQUET_2_0)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withPageSize(1024).withRowGroupSize(16 * 1024L)
                .withDictionaryEncoding(true).build()) {
            for (int id = 0; id < ROWS; id++) {
                int era = id / 1500;
                Group row = groups.newGroup().append("id", id);
                List<String> tags = new ArrayList<>();
                int n = random.nextInt(4);
                if (n > 0) {
                    Group list = row.addGroup("tags");
                    for (int i = 0; i < n; i++) {
                        Group element = list.addGroup("list");
                        if (random.nextInt(10) == 0) {
                            tags.add(null);
                        } else {
                            String tag = (char) ('a' + era) + "-" + random.nextInt(6);
                            element.append("element", tag);
                            tags.add(tag);
                        }
                    }
                }
                List<Long> durations = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    long d = era * 1000L + random.nextInt(1000);
                    row.append("durations", d);
                    durations.add(d);
                }
                TAGS.add(tags);
                DURATIONS.add(durations);
                writer.write(row);
            }
        }
    }

    @Test
    void everyRowWithAMatchingValueComesBackAndSelectiveConditionsSkip() {
        Map<Predicate, IntPredicate> cases = new LinkedHashMap<>();
        cases.put(Predicate.eq("tags.list.element", "b-3"), id -> TAGS.get(id).contains("b-3"));
        cases.put(Predicate.in("tags.list.element", List.of("c-1", "zzz")), id -> TAGS.get(id).contains("c-1"));
        cases.put(Predicate.eq("tags.list.element", "nowhere"), id -> false);
        cases.put(Predicate.gtEq("durations", 3500L), id -> DURATIONS.get(id).stream().anyMatch(d -> d >= 3500));
        cases.put(Predicate.and(Predicate.eq("tags.list.element", "a-1"), Predicate.gt("durations", 900L)),
                id -> TAGS.get(id).contains("a-1") && DURATIONS.get(id).stream().anyMatch(d -> d > 900));
        cases.put(Predicate.or(Predicate.eq("tags.list.element", "a-2"), Predicate.lt("durations", 10L)),
                id -> TAGS.get(id).contains("a-2") || DURATIONS.get(id).stream().anyMatch(d -> d < 10));
        cases.put(Predicate.notEq("tags.list.element", "d-0"),
                id -> TAGS.get(id).stream().anyMatch(t -> t != null && !t.equals("d-0")));
        cases.put(Predicate.isNotNull("durations"), id -> !DURATIONS.get(id).isEmpty());
        Map<Integer, String> all = read(ReadOptions.defaults(), null);
        assertThat(all).hasSize(ROWS);
        for (var c : cases.entrySet()) {
            ReadMetrics[] metrics = new ReadMetrics[1];
            Map<Integer, String> pruned = read(ReadOptions.defaults().withPruning(c.getKey()), metrics);
            List<Integer> matching = new ArrayList<>();
            for (int id = 0; id < ROWS; id++) if (c.getValue().test(id)) matching.add(id);
            assertThat(pruned.keySet()).as("%s", c.getKey()).containsAll(matching);
            // no row filtered: what is read comes back whole, and as the unpruned read gives it
            pruned.forEach((id, row) -> assertThat(row).as("row %d under %s", id, c.getKey()).isEqualTo(all.get(id)));
            if (matching.size() < ROWS / 3) {
                assertThat(metrics[0].rowGroupsSkipped() + metrics[0].pagesSkipped()).as("%s skips", c.getKey()).isPositive();
                assertThat(pruned.size()).as("%s reads fewer rows", c.getKey()).isLessThan(ROWS);
            }
        }
    }

    /**
     * Every row holds one null and one value, so each page's null count equals its row count: a page index read as
     * if entries were rows would call every page all-null and skip rows that match.
     */
    @Test
    void pagesOfRepeatedColumnsAreNotJudgedByTheirRowCount() throws IOException {
        Path halfNull = dir.resolve("half-null.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(halfNull, SCHEMA).withWriterVersion(WriterVersion.PARQUET_2_0)
                .withPageSize(256).withRowGroupSize(8 * 1024L).withDictionaryEncoding(false).build()) {
            for (int id = 0; id < 2000; id++) {
                Group row = groups.newGroup().append("id", id);
                Group list = row.addGroup("tags");
                list.addGroup("list");
                list.addGroup("list").append("element", "v" + id);
                row.append("durations", (long) id);
                writer.write(row);
            }
        }
        for (Predicate p : List.of(Predicate.eq("tags.list.element", "v1500"), Predicate.isNotNull("tags.list.element"),
                Predicate.gt("tags.list.element", "v1499"))) {
            List<Integer> ids = new ArrayList<>();
            try (ParquetReader reader = ParquetReader.open(halfNull, ReadOptions.defaults().withPruning(p)); RowCursor rows = reader.rows()) {
                while (rows.next()) ids.add(rows.getInt("id"));
            }
            assertThat(ids).as("%s", p).contains(1500);
        }
    }

    @Test
    void combinesWithAFilter() {
        Predicate filter = Predicate.lt("id", 2000);
        Map<Integer, String> rows = read(ReadOptions.defaults().withFilter(filter)
                .withPruning(Predicate.eq("tags.list.element", "b-4")), null);
        assertThat(rows.keySet()).allMatch(id -> id < 2000);
        for (int id = 1500; id < 2000; id++) if (TAGS.get(id).contains("b-4")) assertThat(rows).containsKey(id);
    }

    @Test
    void negationsOfRepeatedColumnsAreRefused() {
        for (Predicate p : List.of(Predicate.not(Predicate.eq("tags.list.element", "a-1")), Predicate.isNull("durations"))) {
            assertThatThrownBy(() -> ParquetReader.open(file, ReadOptions.defaults().withPruning(p)).close())
                    .as("%s", p).isInstanceOf(UnsupportedFeatureException.class);
        }
        assertThatThrownBy(() -> ParquetReader.open(file, ReadOptions.defaults().withFilter(Predicate.eq("durations", 1L))).close())
                .isInstanceOf(UnsupportedFeatureException.class);
    }

    /** Rows by id, each as its canonical text. */
    private static Map<Integer, String> read(ReadOptions options, ReadMetrics[] metrics) {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (ParquetReader reader = ParquetReader.open(file, options); RowCursor rows = reader.rows()) {
            while (rows.next()) {
                StringBuilder text = new StringBuilder();
                for (int f = 0; f < rows.size(); f++) text.append(CanonicalRows.ours(rows, f)).append('|');
                out.put(rows.getInt("id"), text.toString());
            }
            if (metrics != null) metrics[0] = reader.metrics();
        }
        return out;
    }
}
