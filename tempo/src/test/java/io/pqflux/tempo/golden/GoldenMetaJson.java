package io.pqflux.tempo.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's {@code meta.json} as the oracles need it: its format and its {@code dedicatedColumns} per scope, read with
 * Jackson's tree API and Tempo's JSON defaults (scope {@code s} defaults to span, type {@code t} to string, options
 * {@code o} to none), independently of the production {@code BlockMeta}.
 */
record GoldenMetaJson(String format, int totalObjects, List<JsonNode> dedicatedColumns) {

    static GoldenMetaJson read(Path blockDirectory) {
        Path file = blockDirectory.resolve("meta.json");
        try {
            JsonNode meta = new ObjectMapper().readTree(file.toFile());
            List<JsonNode> columns = new ArrayList<>();
            meta.path("dedicatedColumns").forEach(columns::add);
            return new GoldenMetaJson(meta.get("format").asText(), meta.get("totalObjects").asInt(), columns);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /**
     * vParquet3/4 (docs/tempo-format.md §5): the names of the {@code scope}'s string columns without options, in meta
     * order; these are the slots {@code String01…}.
     */
    List<String> stringSlots(String scope) {
        return dedicatedColumns.stream()
                .filter(c -> scopeOf(c).equals(scope) && typeOf(c).equals("string") && c.path("o").isEmpty())
                .map(c -> c.get("n").asText()).toList();
    }

    /** vParquet5-preview5 (errata 5): every string or int column of {@code scope}, options other than array ignored. */
    List<Vp5Golden.DedicatedColumn> preview5Columns(String scope) {
        List<Vp5Golden.DedicatedColumn> out = new ArrayList<>();
        for (JsonNode column : dedicatedColumns) {
            if (!scopeOf(column).equals(scope)) continue;
            Vp5Golden.DedicatedType type = switch (typeOf(column)) {
                case "string" -> Vp5Golden.DedicatedType.STRING;
                case "int" -> Vp5Golden.DedicatedType.INT;
                default -> null; // preview5 has no slots for other types: the entry is skipped
            };
            if (type == null) continue;
            boolean array = false;
            for (JsonNode option : column.path("o")) array |= option.asText().equals("array");
            out.add(new Vp5Golden.DedicatedColumn(column.get("n").asText(), type, array));
        }
        return out;
    }

    private static String scopeOf(JsonNode column) {
        String scope = column.path("s").asText("");
        return scope.isEmpty() ? "span" : scope;
    }

    private static String typeOf(JsonNode column) {
        String type = column.path("t").asText("");
        return type.isEmpty() ? "string" : type;
    }
}
