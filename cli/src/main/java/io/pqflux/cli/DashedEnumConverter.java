package io.pqflux.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values as users write them ({@code batch-aware}, {@code otlp-json}) to enum constants ({@code BATCH_AWARE},
 * {@code OTLP_JSON}), case-insensitively; a value that is none of them is a usage error naming the valid ones.
 * Picocli instantiates converters by class: one small subclass per enum.
 */
abstract class DashedEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    DashedEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (dashed(constant).equalsIgnoreCase(value.strip())) return constant;
        }
        throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(DashedEnumConverter::dashed).collect(Collectors.joining(", ")) + ", not '" + value + "'");
    }

    /** The constant as users write it. */
    static String dashed(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
