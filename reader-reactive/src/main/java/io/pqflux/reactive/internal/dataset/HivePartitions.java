package io.pqflux.reactive.internal.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hive-style partition folders: each {@code key=value} directory on a file's path gives the file a partition value.
 * Values are stored escaped as Hive writes them ({@code %XX} for special characters) and {@code
 * __HIVE_DEFAULT_PARTITION__} stands for null. A key's values are typed once for the whole dataset: integers (as
 * {@code Long}) when every non-null value is a decimal integer that fits 64 bits, strings otherwise, so {@code
 * year=2024} compares with numbers and {@code region=eu} with strings.
 */
public final class HivePartitions {

    public static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private HivePartitions() {
    }

    /** The raw (decoded, untyped) partition values of a relative path, in folder order; null for the null marker. */
    public static Map<String, String> parse(String relativePath) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] segments = relativePath.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            int eq = segments[i].indexOf('=');
            if (eq <= 0) continue;
            String key = unescape(segments[i].substring(0, eq));
            String value = segments[i].substring(eq + 1);
            values.put(key, value.equals(NULL_VALUE) ? null : unescape(value));
        }
        return values;
    }

    /** Whether every non-null value of each key reads as an integer: the key is then typed {@code Long}. */
    public static Map<String, Boolean> integerKeys(List<Map<String, String>> files) {
        Map<String, Boolean> integer = new LinkedHashMap<>();
        for (Map<String, String> file : files) {
            file.forEach((key, value) -> integer.merge(key, value == null || INTEGER.matcher(value).matches(),
                    Boolean::logicalAnd));
        }
        return integer;
    }

    /** The typed values of one file: {@code Long} for integer keys, {@code String} otherwise; a key it lacks is null. */
    public static Map<String, Object> typed(Map<String, String> raw, Map<String, Boolean> integerKeys) {
        Map<String, Object> typed = new LinkedHashMap<>();
        Map<String, String> values = new HashMap<>(raw);
        integerKeys.forEach((key, integer) -> {
            String value = values.get(key);
            typed.put(key, value == null ? null : integer ? Long.valueOf(value) : value);
        });
        return typed;
    }

    /** Undoes Hive's escaping of path characters: {@code %XX} is the byte XX of the UTF-8 text. */
    static String unescape(String text) {
        if (text.indexOf('%') < 0) return text;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && lo >= 0) {
                bytes.write(hi << 4 | lo);
                i += 3;
            } else {
                int end = i + Character.charCount(text.codePointAt(i));
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
