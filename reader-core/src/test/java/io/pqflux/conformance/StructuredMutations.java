package io.pqflux.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import shaded.parquet.org.apache.thrift.TBase;
import shaded.parquet.org.apache.thrift.TFieldIdEnum;

/**
 * Targeted damage: one field of a page header or of the footer set to a value near or far from the true
 * one (0, -1, ±1, double, half, extremes; every other constant of an enum), then the file laid out again
 * so nothing else moves out of place. Also the 4-byte level lengths inside uncompressed v1 pages, and
 * chunk offsets pointing at another chunk.
 */
final class StructuredMutations {

    /**
     * Fields whose change may make another readable file rather than a broken one. Level byte lengths are
     * among them: a level section declared shorter or longer moves where the values start, and nothing
     * tells a reader unless it insists that every section is consumed exactly (parquet-java and Arrow do not).
     */
    private static final Set<String> REINTERPRETING = Set.of("DataPageHeader.encoding",
            "DataPageHeaderV2.definition_levels_byte_length", "DataPageHeaderV2.repetition_levels_byte_length",
            "DataPageHeader.definition_level_encoding", "DataPageHeader.repetition_level_encoding",
            "DataPageHeaderV2.encoding", "DictionaryPageHeader.encoding", "ColumnMetaData.codec", "ColumnMetaData.type",
            "SchemaElement.type", "SchemaElement.type_length", "SchemaElement.repetition_type",
            "SchemaElement.converted_type", "SchemaElement.scale", "SchemaElement.precision");

    private static final int CHUNKS_WITH_DAMAGED_PAGES = 4;
    private static final int DAMAGED_COLUMN_FOOTERS = 3;
    private static final int DAMAGED_SCHEMA_ELEMENTS = 4;

    private final ParquetFileModel model;
    private final SplittableRandom r;
    private final List<Mutant> mutants = new ArrayList<>();

    private StructuredMutations(ParquetFileModel model, SplittableRandom random) {
        this.model = model;
        this.r = random;
    }

    /**
     * At most {@code budget} mutants of {@code model}, drawn from {@code random}.
     *
     * @param maxLevels per column, {max repetition level, max definition level}: where v1 pages keep level lengths
     */
    static List<Mutant> of(ParquetFileModel model, int[][] maxLevels, SplittableRandom random, int budget) {
        StructuredMutations m = new StructuredMutations(model, random);
        if (model.rowGroupCount() > 0 && model.columnCount() > 0) {
            m.pageHeaders();
            m.levelLengths(maxLevels);
            m.chunkFooters();
            m.offsetsIntoOtherChunks();
        }
        m.fileAndSchema();
        Collections.shuffle(m.mutants, new java.util.Random(random.nextLong()));
        return m.mutants.subList(0, Math.min(budget, m.mutants.size()));
    }

    private void pageHeaders() {
        for (int t = 0; t < CHUNKS_WITH_DAMAGED_PAGES; t++) {
            int g = r.nextInt(model.rowGroupCount());
            int c = r.nextInt(model.columnCount());
            List<ParquetFileModel.Page> pages = model.pages(g, c);
            if (pages.isEmpty()) continue;
            Set<Integer> picked = new LinkedHashSet<>(List.of(0, pages.size() - 1, r.nextInt(pages.size())));
            if (pages.size() > 1) picked.add(1);
            for (int p : picked) {
                String where = "row group " + g + " column " + c + " page " + p + " header ";
                PageHeader header = pages.get(p).header();
                for (FieldPath field : FieldPath.scalarsOf(header)) {
                    boolean keepsValues = !REINTERPRETING.contains(field.qualifiedName())
                            && !(field.qualifiedName().equals("DataPageHeaderV2.is_compressed") && sizesAgree(header));
                    for (Object value : variations(field.get(header))) {
                        add(where + field + " = " + value, keepsValues, () -> {
                            ParquetFileModel copy = model.copy();
                            field.set(copy.pages(g, c).get(p).header(), value);
                            return copy.layOut(meta -> { });
                        });
                    }
                }
            }
        }
    }

    /**
     * A V2 page whose compressed values happen to be as long as their uncompressed form: declared stored as they
     * are, its compressed bytes are read as values and no size check can tell (the checksum covers the body, not
     * the header).
     */
    private static boolean sizesAgree(PageHeader header) {
        return header.getCompressed_page_size() == header.getUncompressed_page_size();
    }

    /**
     * The RLE length prefixes of v1 levels, reachable only where the page body is stored uncompressed; like
     * the v2 level lengths, they may move the values undetected (see {@link #REINTERPRETING}).
     */
    private void levelLengths(int[][] maxLevels) {
        for (int g = 0; g < model.rowGroupCount(); g++) {
            for (int c = 0; c < model.columnCount(); c++) {
                if (model.footer().getRow_groups().get(g).getColumns().get(c).getMeta_data().getCodec()
                        != CompressionCodec.UNCOMPRESSED || maxLevels[c][1] == 0 || r.nextInt(4) != 0) continue;
                List<ParquetFileModel.Page> pages = model.pages(g, c);
                for (int p = 0; p < pages.size(); p++) {
                    if (pages.get(p).header().getType() != PageType.DATA_PAGE || r.nextInt(3) != 0) continue;
                    byte[] body = pages.get(p).body();
                    int repLength = maxLevels[c][0] > 0 ? le(body).getInt(0) : -4;
                    int position = maxLevels[c][0] > 0 ? 4 + repLength : 0;
                    if (maxLevels[c][0] > 0) levelLength(g, c, p, 0, "repetition");
                    if (position >= 0 && position + 4 <= body.length) levelLength(g, c, p, position, "definition");
                }
            }
        }
    }

    private void levelLength(int g, int c, int p, int position, String kind) {
        byte[] body = model.pages(g, c).get(p).body();
        for (Object value : variations(le(body).getInt(position))) {
            add("row group " + g + " column " + c + " page " + p + " " + kind + " level length = " + value, false, () -> {
                ParquetFileModel copy = model.copy();
                byte[] damaged = body.clone();
                le(damaged).putInt(position, (Integer) value);
                List<ParquetFileModel.Page> pages = copy.pages(g, c);
                pages.set(p, new ParquetFileModel.Page(pages.get(p).header(), damaged));
                return copy.layOut(meta -> { });
            });
        }
    }

    private void chunkFooters() {
        for (int t = 0; t < DAMAGED_COLUMN_FOOTERS; t++) {
            int g = r.nextInt(model.rowGroupCount());
            int c = r.nextInt(model.columnCount());
            footerFields("row group " + g + " column " + c + " ", meta -> meta.getRow_groups().get(g).getColumns().get(c));
        }
        int g = r.nextInt(model.rowGroupCount());
        footerFields("row group " + g + " ", meta -> meta.getRow_groups().get(g));
    }

    private void fileAndSchema() {
        footerFields("file ", meta -> meta);
        int elements = model.footer().getSchema().size();
        for (int t = 0; t < DAMAGED_SCHEMA_ELEMENTS; t++) {
            int e = r.nextInt(elements);
            footerFields("schema element " + e + " ", meta -> meta.getSchema().get(e));
        }
    }

    /** A chunk's offsets moved onto another chunk: a reader cannot tell, so values may change. */
    private void offsetsIntoOtherChunks() {
        FileMetaData laidOut = laidOutFooter();
        int g = r.nextInt(model.rowGroupCount());
        int c = r.nextInt(model.columnCount());
        int other = r.nextInt(model.columnCount());
        long target = column(laidOut, g, other).getData_page_offset();
        add("row group " + g + " column " + c + " data_page_offset = column " + other + "'s", false,
                () -> model.layOut(meta -> column(meta, g, c).setData_page_offset(target)));
        add("row group " + g + " column " + c + " dictionary_page_offset = column " + other + "'s data page", false,
                () -> model.layOut(meta -> column(meta, g, c).setDictionary_page_offset(target)));
    }

    private void footerFields(String where, Function<FileMetaData, TBase<?, ?>> struct) {
        TBase<?, ?> laidOut = struct.apply(laidOutFooter());
        for (FieldPath field : FieldPath.scalarsOf(laidOut)) {
            for (Object value : variations(field.get(laidOut))) {
                // A row group declaring no rows may be skipped unread, as parquet-java does.
                boolean skippable = field.qualifiedName().equals("RowGroup.num_rows") && value.equals(0L);
                add(where + field + " = " + value, !skippable && !REINTERPRETING.contains(field.qualifiedName()),
                        () -> model.layOut(meta -> field.set(struct.apply(meta), value)));
            }
        }
    }

    private FileMetaData laidOutFooter() {
        FileMetaData[] captured = new FileMetaData[1];
        model.layOut(meta -> captured[0] = meta);
        return captured[0];
    }

    private static ColumnMetaData column(FileMetaData meta, int rowGroup, int column) {
        return meta.getRow_groups().get(rowGroup).getColumns().get(column).getMeta_data();
    }

    private void add(String description, boolean keepsValues, java.util.function.Supplier<byte[]> bytes) {
        mutants.add(new Mutant(description, keepsValues, bytes));
    }

    /** Values near and far from {@code value}, never the value itself. */
    static List<Object> variations(Object value) {
        Set<Object> out = new LinkedHashSet<>();
        switch (value) {
            case Integer v -> {
                for (long x : new long[] {0, 1, -1, v - 1L, v + 1L, 2L * v, v / 2, Integer.MAX_VALUE, Integer.MIN_VALUE, (1 << 30) - 1}) {
                    if (x == (int) x) out.add((int) x);
                }
            }
            case Long v -> {
                for (long x : new long[] {0, -1, v - 1, v + 1, 2 * v, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, 1L << 32}) out.add(x);
            }
            case Short v -> {
                for (int x : new int[] {0, -1, v - 1, v + 1, Short.MAX_VALUE, Short.MIN_VALUE}) out.add((short) x);
            }
            case Byte v -> {
                for (int x : new int[] {0, -1, v - 1, v + 1, Byte.MAX_VALUE, Byte.MIN_VALUE}) out.add((byte) x);
            }
            case Boolean v -> out.add(!v);
            case Enum<?> v -> out.addAll(List.of(v.getDeclaringClass().getEnumConstants()));
            default -> throw new IllegalArgumentException("not a scalar: " + value);
        }
        out.remove(value);
        return List.copyOf(out);
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A scalar field reached from a Thrift struct through nested struct fields.
     *
     * @param ids   Thrift field ids from the root struct down to the field
     * @param names the same fields' names
     * @param owner simple class name of the struct holding the field
     */
    record FieldPath(List<Short> ids, List<String> names, String owner) {

        /** Every set scalar (number, boolean, enum) of {@code struct} and of the structs it holds, statistics aside. */
        static List<FieldPath> scalarsOf(TBase<?, ?> struct) {
            List<FieldPath> out = new ArrayList<>();
            collect(struct, List.of(), List.of(), out);
            return out;
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static void collect(TBase struct, List<Short> ids, List<String> names, List<FieldPath> out) {
            for (short id = 1; id < 64; id++) {
                TFieldIdEnum field = struct.fieldForId(id);
                if (field == null || !struct.isSet(field)) continue;
                Object value = struct.getFieldValue(field);
                List<Short> i = append(ids, id);
                List<String> n = append(names, field.getFieldName());
                if (value instanceof TBase<?, ?> nested) {
                    if (!nested.getClass().getSimpleName().contains("Statistics")) collect(nested, i, n, out);
                } else if (value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
                    out.add(new FieldPath(i, n, struct.getClass().getSimpleName()));
                }
            }
        }

        private static <T> List<T> append(List<T> list, T item) {
            List<T> out = new ArrayList<>(list);
            out.add(item);
            return out;
        }

        String qualifiedName() {
            return owner + "." + names.getLast();
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        Object get(TBase<?, ?> root) {
            TBase struct = holder(root);
            return struct.getFieldValue(struct.fieldForId(ids.getLast()));
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        void set(TBase<?, ?> root, Object value) {
            TBase struct = holder(root);
            struct.setFieldValue(struct.fieldForId(ids.getLast()), value);
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private TBase holder(TBase<?, ?> root) {
            TBase struct = root;
            for (int k = 0; k < ids.size() - 1; k++) struct = (TBase) struct.getFieldValue(struct.fieldForId(ids.get(k)));
            return struct;
        }

        @Override
        public String toString() {
            return String.join(".", names);
        }
    }
}
