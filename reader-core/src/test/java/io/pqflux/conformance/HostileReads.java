package io.pqflux.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.error.ParquetException;
import io.pqflux.io.BytesInputFile;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.CanonicalRows;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowCursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reads damaged files and checks that pqflux behaves: it either fails with a typed error naming the file,
 * or reads to the end — returning the original values when the damage must keep them — and in every case
 * leaves no buffer open and never holds more memory at once than the undamaged file needed, plus a margin.
 */
final class HostileReads {

    /**
     * Bytes of damaged variants read per file at most, so a large file (or one of a thousand row groups) gets
     * fewer variants and the tests keep to their time.
     */
    private static final long BYTES_READ_PER_FILE = 32 << 20;

    /** Room above the undamaged file's peak: scratch for one more page or a larger dictionary. */
    static final long ALLOCATION_MARGIN = 4 << 20;

    private HostileReads() {
    }

    /**
     * What the undamaged file reads as.
     *
     * @param leaves    per column (dotted path), its leaves per row group
     * @param peakBytes the most off-heap memory held at once while reading them
     */
    record Baseline(Map<String, List<LeafColumn>> leaves, long peakBytes) {

        long allowedBytes() {
            return 2 * peakBytes + ALLOCATION_MARGIN;
        }
    }

    static Baseline baseline(String name, byte[] file) {
        long before = OffHeapBuffer.liveBytes();
        OffHeapBuffer.resetPeakBytes();
        Map<String, List<LeafColumn>> leaves = read(name, file);
        return new Baseline(leaves, OffHeapBuffer.peakBytes() - before);
    }

    /**
     * Every leaf per row group, by column; then every value through the row API, whose views must cope with
     * whatever decoded.
     */
    static Map<String, List<LeafColumn>> read(String name, byte[] file) {
        Map<String, List<LeafColumn>> leaves = new LinkedHashMap<>();
        for (List<LeafColumn> rowGroup : PqfluxLeaves.read(new BytesInputFile(name, file), ReadOptions.defaults())) {
            for (LeafColumn leaf : rowGroup) leaves.computeIfAbsent(leaf.path(), k -> new ArrayList<>()).add(leaf);
        }
        try (ParquetReader reader = ParquetReader.open(new BytesInputFile(name, file), ReadOptions.defaults());
             RowCursor rows = reader.rows()) {
            while (rows.next()) CanonicalRows.touchAll(rows);
        }
        return leaves;
    }

    /** Per column, {max repetition level, max definition level}. */
    static int[][] maxLevels(String name, byte[] file) {
        try (ParquetReader reader = ParquetReader.open(new BytesInputFile(name, file), ReadOptions.defaults())) {
            return reader.schema().columns().stream()
                    .map(c -> new int[] {c.maxRepetitionLevel(), c.maxDefinitionLevel()}).toArray(int[][]::new);
        }
    }

    static void assertSameLeaves(Map<String, List<LeafColumn>> expected, Map<String, List<LeafColumn>> actual, String where) {
        assertThat(actual.keySet()).as(where + ": columns").containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, List<LeafColumn>> column : expected.entrySet()) {
            List<LeafColumn> got = actual.get(column.getKey());
            assertThat(got).as(where + ": row groups of " + column.getKey()).hasSameSizeAs(column.getValue());
            for (int g = 0; g < got.size(); g++) LeafColumn.assertSame(column.getValue().get(g), got.get(g), where + " row group " + g);
        }
    }

    /**
     * Damages {@code file} in up to {@code structured} targeted and {@code random} random ways (all drawn from
     * {@code seed}; fewer for large files, see {@link #BYTES_READ_PER_FILE}) and checks each variant; first that
     * laying the file out again, undamaged, keeps its values.
     */
    static void damageAndCheck(String name, byte[] file, Baseline baseline, long seed, int structured, int random,
                               Tally tally) {
        double scale = Math.min(1, (double) BYTES_READ_PER_FILE / ((long) file.length * (structured + random)));
        structured = Math.max(Math.min(structured, 10), (int) (structured * scale));
        random = Math.max(Math.min(random, 5), (int) (random * scale));
        ParquetFileModel model = ParquetFileModel.parse(file);
        assertSameLeaves(baseline.leaves(), read(name, model.layOut(meta -> { })), name + " laid out again");
        List<Mutant> mutants = new ArrayList<>(StructuredMutations.of(model, maxLevels(name, file), new SplittableRandom(seed),
                structured));
        SplittableRandom variants = new SplittableRandom(~seed);
        for (int v = 0; v < random; v++) {
            int variant = v;
            long variantSeed = variants.nextLong();
            mutants.add(new Mutant("random corruption " + v, false,
                    () -> RandomCorruption.variant(file, variant, new SplittableRandom(variantSeed))));
        }
        for (int i = 0; i < mutants.size(); i++) tally.add(check(name, i, mutants.get(i), baseline), 1);
        tally.add("files", 1);
        tally.add("mutants", mutants.size());
    }

    /**
     * Reads mutant {@code index} of {@code fileName} and checks pqflux's behaviour.
     *
     * @return what happened, for the tally: the typed error's class, or a clean read
     */
    static String check(String fileName, int index, Mutant mutant, Baseline baseline) {
        String name = fileName + " #" + index;
        String what = "mutant " + name + " (" + mutant.description() + (mutant.keepsValues() ? ", must keep values)" : ")");
        byte[] bytes = mutant.bytes().get();
        long buffers = OffHeapBuffer.liveBuffers();
        long before = OffHeapBuffer.liveBytes();
        OffHeapBuffer.resetPeakBytes();
        Map<String, List<LeafColumn>> leaves = null;
        ParquetException error = null;
        try {
            leaves = read(name, bytes);
        } catch (ParquetException e) {
            error = e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": failed with something other than a typed ParquetException", e);
        }
        assertThat(OffHeapBuffer.liveBuffers()).as(what + ": off-heap buffers left open").isEqualTo(buffers);
        assertThat(OffHeapBuffer.peakBytes() - before).as(what + ": off-heap bytes held at once (undamaged file: "
                + baseline.peakBytes() + ")").isLessThanOrEqualTo(baseline.allowedBytes());
        if (error != null) {
            assertThat(error.getMessage()).as(what + ": the error names the file").contains(name);
            return "typed error " + error.getClass().getSimpleName();
        }
        if (!mutant.keepsValues()) return "read to the end (damage that may change values)";
        assertSameLeaves(baseline.leaves(), leaves, what);
        return "read to the end with the original values";
    }
}
