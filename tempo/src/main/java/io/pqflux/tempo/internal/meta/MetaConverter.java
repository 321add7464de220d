package io.pqflux.tempo.internal.meta;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.TenantIndex;
import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns meta JSON into {@link BlockMeta}s and tenant indexes into {@link TenantIndex}es, with the validation Tempo's
 * Go decoder implies (types are strict, defaults of omitted keys restored) and one typed error per problem.
 * <p>
 * One converter instance serves one document: across a tenant index it hands out one shared list per distinct
 * dedicated-column configuration (production tenants repeat the same 20 entries in every one of ~25,000 metas) and
 * one instance per repeated string.
 */
public final class MetaConverter {

    /**
     * Strict where Go's {@code encoding/json} is strict: no numbers from strings, no truncated floats, no trailing
     * garbage. Unknown keys (legacy {@code minID}, {@code encoding}, ... and future ones) are ignored, as in Go.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader META_READER = MAPPER.readerFor(MetaDocument.class);
    /** Tenant-index entries are read one by one from the middle of the document, so data follows each of them. */
    private static final ObjectReader ENTRY_READER =
            META_READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Go's {@code uuid.UUID} text form; {@link UUID#fromString} alone also accepts shortened groups. */
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** {@code bloomShards} of metas written before the key existed: Tempo then always wrote ten shards. */
    private static final int LEGACY_BLOOM_SHARDS = 10;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final Map<List<DedicatedColumnDocument>, List<DedicatedColumn>> dedicatedColumnLists = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();

    private MetaConverter() {
    }

    /** {@link BlockMeta#parse}. */
    public static BlockMeta parseMeta(byte[] json, String source) {
        MetaDocument document;
        try {
            document = META_READER.readValue(json);
        } catch (IOException e) {
            throw new TempoException(TempoException.Reason.BAD_META, source, "not a block meta: " + e.getMessage(), e);
        }
        if (document == null) throw badMeta(source, "not a block meta: null");
        return new MetaConverter().blockMeta(document, source, true);
    }

    /** {@link TenantIndex#parseGzip}. */
    public static TenantIndex parseTenantIndexGzip(InputStream in, String source) {
        MetaConverter converter = new MetaConverter();
        try (InputStream input = in; JsonParser parser = MAPPER.createParser(new GZIPInputStream(input, 64 * 1024))) {
            return converter.tenantIndex(parser, source);
        } catch (JsonProcessingException | CharConversionException | ZipException | EOFException e) {
            // EOFException: the gzip stream ends early, a truncated file; CharConversionException: Jackson's decoder
            // of the JSON's detected encoding (UTF-16, UTF-32) meets bytes that encode no character
            throw new TempoException(TempoException.Reason.BAD_META, source,
                    "not a tenant index (gzip-compressed JSON): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private TenantIndex tenantIndex(JsonParser parser, String source) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) throw badMeta(source, "a tenant index is a JSON object");
        Instant createdAt = null;
        List<BlockMeta> metas = List.of();
        List<BlockMeta> compacted = List.of();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            switch (key) {
                case "created_at" -> {
                    if (value != JsonToken.VALUE_STRING) throw badMeta(source, "created_at is not a time string");
                    createdAt = instant(parser.getText(), source, "created_at");
                }
                case "meta" -> metas = blockMetas(parser, source, "meta", false);
                case "compacted" -> compacted = blockMetas(parser, source, "compacted", true);
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) throw badMeta(source, "data after the tenant index object");
        if (createdAt == null) throw badMeta(source, "created_at is missing");
        return new TenantIndex(createdAt, metas, compacted);
    }

    private List<BlockMeta> blockMetas(JsonParser parser, String source, String key, boolean compacted)
            throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) return List.of();
        if (parser.currentToken() != JsonToken.START_ARRAY) throw badMeta(source, key + " is not an array");
        List<BlockMeta> metas = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String entrySource = source + " " + key + "[" + metas.size() + "]";
            if (parser.currentToken() != JsonToken.START_OBJECT) throw badMeta(entrySource, "not a block meta object");
            MetaDocument document;
            try {
                document = ENTRY_READER.readValue(parser);
            } catch (JsonProcessingException e) {
                throw new TempoException(TempoException.Reason.BAD_META, entrySource,
                        "not a block meta: " + e.getOriginalMessage(), e);
            }
            if (compacted && document.compactedTime() == null) throw badMeta(entrySource, "compactedTime is missing");
            // a live entry's stray compactedTime is ignored: Go's BlockMeta has no such field
            metas.add(blockMeta(document, entrySource, compacted));
        }
        return metas;
    }

    private BlockMeta blockMeta(MetaDocument d, String source, boolean readCompactedTime) {
        String format = required(d.format(), source, "format");
        String blockId = required(d.blockID(), source, "blockID");
        String tenantId = required(d.tenantID(), source, "tenantID");
        if (!CANONICAL_UUID.matcher(blockId).matches()) throw badMeta(source, "blockID \"" + blockId + "\" is not a UUID");
        int bloomShards = intUint32(d.bloomShards(), source, "bloomShards");
        return new BlockMeta(intern(format), UUID.fromString(blockId), intern(tenantId),
                instant(required(d.startTime(), source, "startTime"), source, "startTime"),
                instant(required(d.endTime(), source, "endTime"), source, "endTime"),
                nonNegative(d.totalObjects(), source, "totalObjects"),
                nonNegative(d.size(), source, "size"),
                intUint32(d.compactionLevel(), source, "compactionLevel"),
                intUint32(d.totalRecords(), source, "totalRecords"),
                bloomShards == 0 ? LEGACY_BLOOM_SHARDS : bloomShards,
                intUint32(d.footerSize(), source, "footerSize"),
                dedicatedColumns(d.dedicatedColumns(), source),
                intUint32(d.replicationFactor(), source, "replicationFactor"),
                readCompactedTime && d.compactedTime() != null
                        ? Optional.of(instant(d.compactedTime(), source, "compactedTime"))
                        : Optional.empty());
    }

    private List<DedicatedColumn> dedicatedColumns(List<DedicatedColumnDocument> documents, String source) {
        if (documents == null || documents.isEmpty()) return List.of();
        List<DedicatedColumn> shared = dedicatedColumnLists.get(documents);
        if (shared != null) return shared;
        List<DedicatedColumn> columns = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            columns.add(dedicatedColumn(documents.get(i), source, "dedicatedColumns[" + i + "]"));
        }
        shared = List.copyOf(columns);
        dedicatedColumnLists.put(documents, shared);
        return shared;
    }

    private static DedicatedColumn dedicatedColumn(DedicatedColumnDocument d, String source, String entry) {
        if (d == null) throw badMeta(source, entry + " is null");
        String name = oneOf(d.n(), d.name(), "n", "name", source, entry);
        if (name == null || name.isEmpty()) throw badMeta(source, entry + " has no name");
        String what = entry + " (\"" + name + "\")";
        // Go restores the defaults for omitted and empty scope and type alike
        String scope = oneOf(d.s(), d.scope(), "s", "scope", source, what);
        String type = oneOf(d.t(), d.type(), "t", "type", source, what);
        List<String> options = oneOf(d.o(), d.options(), "o", "options", source, what);
        Set<DedicatedColumn.Option> optionSet = EnumSet.noneOf(DedicatedColumn.Option.class);
        if (options != null) {
            for (String option : options) optionSet.add(parseOption(option, source, what));
        }
        return new DedicatedColumn(
                scope == null || scope.isEmpty() ? DedicatedColumn.Scope.SPAN : parseScope(scope, source, what),
                type == null || type.isEmpty() ? DedicatedColumn.Type.STRING : parseType(type, source, what),
                name, optionSet);
    }

    private static DedicatedColumn.Scope parseScope(String scope, String source, String what) {
        return switch (scope) {
            case "resource" -> DedicatedColumn.Scope.RESOURCE;
            case "span" -> DedicatedColumn.Scope.SPAN;
            case "event" -> DedicatedColumn.Scope.EVENT;
            default -> throw unsupported(source, what, "scope", scope, "resource, span, event");
        };
    }

    private static DedicatedColumn.Type parseType(String type, String source, String what) {
        return switch (type) {
            case "string" -> DedicatedColumn.Type.STRING;
            case "int" -> DedicatedColumn.Type.INT;
            default -> throw unsupported(source, what, "type", type, "string, int");
        };
    }

    private static DedicatedColumn.Option parseOption(String option, String source, String what) {
        if (option == null) throw unsupported(source, what, "option", null, "array, blob");
        return switch (option) {
            case "array" -> DedicatedColumn.Option.ARRAY;
            case "blob" -> DedicatedColumn.Option.BLOB;
            default -> throw unsupported(source, what, "option", option, "array, blob");
        };
    }

    private static <T> T oneOf(T compact, T longForm, String compactKey, String longKey, String source, String what) {
        if (compact != null && longForm != null) {
            throw badMeta(source, what + " gives both \"" + compactKey + "\" and \"" + longKey + "\"");
        }
        return compact != null ? compact : longForm;
    }

    private String intern(String s) {
        return strings.computeIfAbsent(s, Function.identity());
    }

    private static String required(String value, String source, String key) {
        if (value == null || value.isEmpty()) throw badMeta(source, key + " is missing");
        return value;
    }

    private static Instant instant(String text, String source, String key) {
        try {
            // ISO_INSTANT as Instant.parse uses it accepts RFC 3339 offsets and fractions, as Go's time.Time does
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new TempoException(TempoException.Reason.BAD_META, source,
                    key + " \"" + text + "\" is not an RFC 3339 time", e);
        }
    }

    private static long nonNegative(Long value, String source, String key) {
        if (value == null) return 0;
        if (value < 0) throw badMeta(source, key + " " + value + " is negative");
        return value;
    }

    private static long uint32(Long value, String source, String key) {
        long v = nonNegative(value, source, key);
        if (v > UINT32_MAX) throw badMeta(source, key + " " + v + " is not a uint32");
        return v;
    }

    /** A uint32 field that this API holds in an int: values beyond it (never written by Tempo) are refused. */
    private static int intUint32(Long value, String source, String key) {
        long v = uint32(value, source, key);
        if (v > Integer.MAX_VALUE) throw badMeta(source, key + " " + v + " is larger than this reader supports");
        return (int) v;
    }

    private static TempoException badMeta(String source, String message) {
        return new TempoException(TempoException.Reason.BAD_META, source, message);
    }

    private static TempoException unsupported(String source, String what, String field, String value, String known) {
        return new TempoException(TempoException.Reason.UNSUPPORTED_DEDICATED_COLUMN, source,
                what + ": unknown " + field + " " + (value == null ? "null" : '"' + value + '"') + " (" + known + ")");
    }
}
