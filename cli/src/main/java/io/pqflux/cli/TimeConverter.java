package io.pqflux.cli;

import java.time.DateTimeException;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code --start}/{@code --end} TIME: an ISO-8601 instant, or unix seconds as Tempo's HTTP API takes them. */
final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) return Instant.ofEpochSecond(Long.parseLong(value));
            return Instant.parse(value);
        } catch (NumberFormatException | DateTimeException e) {
            throw new TypeConversionException("not an ISO-8601 instant (2024-05-01T12:00:00Z) or unix seconds: '"
                    + value + "'");
        }
    }
}
