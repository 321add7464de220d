package io.pqflux.cli;

import io.pqflux.cli.WhereParser.Token;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a literal of a {@code --where} expression as the Java value the compared column takes (see
 * {@link io.pqflux.internal.filter.Literals}): integers and decimals from numbers, floating point from numbers or
 * NaN/Infinity, dates, times and timestamps from ISO strings, UUIDs from their string form, strings from
 * quotes, bytes from {@code x'..'} hex. Throws {@link IllegalArgumentException} with what was expected.
 */
final class WhereLiterals {

    private static final Pattern SIGNED_TIME = Pattern.compile("(-)?([0-9]{2,}):([0-5][0-9])(?::([0-5][0-9])(?:\\.([0-9]{1,9}))?)?");

    private WhereLiterals() {
    }

    static Object of(Token token, ColumnDescriptor column) {
        LogicalType logical = column.logicalType();
        return switch (column.physicalType()) {
            case BOOLEAN -> bool(token);
            case INT32, INT64 -> switch (logical) {
                case LogicalType.DecimalType d -> decimal(token);
                case LogicalType.DateType d -> date(token);
                case LogicalType.TimeType t -> time(token);
                case LogicalType.TimestampType t when t.isAdjustedToUtc() -> instant(token);
                case LogicalType.TimestampType t -> localDateTime(token);
                case null, default -> integer(token);
            };
            case INT96 -> instant(token);
            case FLOAT -> (float) floating(token);
            case DOUBLE -> floating(token);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> switch (logical) {
                case LogicalType.DecimalType d -> decimal(token);
                case LogicalType.UuidType u -> UUID.fromString(text(token, "a UUID string"));
                case LogicalType.Float16Type f -> (float) floating(token);
                case null, default -> token.kind() == Token.Kind.HEX ? HexFormat.of().parseHex(token.text())
                        : text(token, "a 'string' or x'hex' bytes");
            };
        };
    }

    private static Boolean bool(Token token) {
        String word = token.kind() == Token.Kind.NAME ? token.text().toLowerCase(Locale.ROOT) : "";
        return switch (word) {
            case "true" -> true;
            case "false" -> false;
            default -> throw expected("true or false");
        };
    }

    private static BigInteger integer(Token token) {
        if (token.kind() != Token.Kind.NUMBER) throw expected("an integer");
        try {
            return new BigInteger(token.text());
        } catch (NumberFormatException e) {
            throw expected("an integer");
        }
    }

    private static BigDecimal decimal(Token token) {
        String text = token.kind() == Token.Kind.STRING ? token.text() : token.kind() == Token.Kind.NUMBER ? token.text() : null;
        try {
            if (text == null) throw new NumberFormatException();
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw expected("a decimal number");
        }
    }

    private static double floating(Token token) {
        if (token.kind() == Token.Kind.NUMBER || token.kind() == Token.Kind.NAME) {
            String word = token.text().toLowerCase(Locale.ROOT);
            switch (word) {
                case "nan" -> {
                    return Double.NaN;
                }
                case "infinity", "inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-infinity", "-inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    if (token.kind() == Token.Kind.NUMBER) {
                        try {
                            return Double.parseDouble(token.text());
                        } catch (NumberFormatException e) {
                            throw expected("a number");
                        }
                    }
                }
            }
        }
        throw expected("a number, NaN or Infinity");
    }

    /**
     * A time of day {@code HH:MM:SS[.fraction]} as a LocalTime; a signed time outside a day as {@code cat} prints
     * one, {@code -03:51:39.000} or {@code 25:00:00}, as a Duration since midnight.
     */
    private static Object time(Token token) {
        String text = text(token, "a time '[-]HH:MM:SS[.fraction]'");
        Matcher m = SIGNED_TIME.matcher(text);
        if (!m.matches()) throw expected("a time '[-]HH:MM:SS[.fraction]'");
        boolean negative = m.group(1) != null;
        if (!negative && m.group(2).length() == 2 && Integer.parseInt(m.group(2)) < 24) {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw expected("a time '[-]HH:MM:SS[.fraction]'");
            }
        }
        try {
            String fraction = m.group(5) == null ? "" : m.group(5);
            Duration magnitude = Duration.ofHours(Long.parseLong(m.group(2)))
                    .plusMinutes(Integer.parseInt(m.group(3)))
                    .plusSeconds(m.group(4) == null ? 0 : Integer.parseInt(m.group(4)))
                    .plusNanos(fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9)));
            return negative ? magnitude.negated() : magnitude;
        } catch (ArithmeticException | NumberFormatException e) {
            throw expected("a time '[-]HH:MM:SS[.fraction]' within the range of the column");
        }
    }

    /** An instant: ISO with a zone or offset, or without one meaning UTC; a date alone is its start. */
    private static Instant instant(Token token) {
        String text = text(token, "a timestamp 'YYYY-MM-DDTHH:MM:SS[.fraction][Z]'");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return localDateTime(token).toInstant(ZoneOffset.UTC);
        }
    }

    private static LocalDateTime localDateTime(Token token) {
        String text = text(token, "a timestamp 'YYYY-MM-DDTHH:MM:SS[.fraction]'");
        try {
            return LocalDateTime.parse(text.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay();
            } catch (DateTimeParseException notADate) {
                // java.time's own wording ("Text '…' could not be parsed at index 0") says nothing of the form
                throw expected("a timestamp 'YYYY-MM-DDTHH:MM:SS[.fraction][Z]' or a date 'YYYY-MM-DD'");
            }
        }
    }

    private static LocalDate date(Token token) {
        try {
            return LocalDate.parse(text(token, "a date 'YYYY-MM-DD'"));
        } catch (DateTimeParseException e) {
            throw expected("a date 'YYYY-MM-DD'");
        }
    }

    private static String text(Token token, String expected) {
        if (token.kind() != Token.Kind.STRING) throw expected(expected);
        return token.text();
    }

    private static IllegalArgumentException expected(String what) {
        return new IllegalArgumentException("expected " + what);
    }
}
