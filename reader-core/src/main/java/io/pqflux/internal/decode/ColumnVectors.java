package io.pqflux.internal.decode;

import io.pqflux.column.ColumnVector;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.schema.ColumnDescriptor;

/**
 * Creates {@link ColumnVector}s from decoded buffers. The vector's constructor is not API (its buffers are an
 * internal type), so {@code ColumnVector} hands this package a factory when it is initialised, as the JDK's
 * shared-secrets bridges do; nothing outside the module can reach it because this package is not exported.
 */
public final class ColumnVectors {

    /** The vector's constructor, as {@code ColumnVector} installs it. */
    @FunctionalInterface
    public interface Factory {
        ColumnVector create(ColumnDescriptor column, int size, int valueCount, OffHeapBuffer definitionLevels,
                            OffHeapBuffer repetitionLevels, OffHeapBuffer values, OffHeapBuffer offsets,
                            OffHeapBuffer dictionaryIds, int dictionarySize);
    }

    private static volatile Factory factory;

    private ColumnVectors() {
    }

    /** Called once, from {@code ColumnVector}'s static initialiser. */
    public static void install(Factory vectorFactory) {
        if (factory != null) {
            throw new IllegalStateException("the ColumnVector factory is already installed");
        }
        factory = vectorFactory;
    }

    /** A vector that takes ownership of the given buffers (any of which may be null where the column has none). */
    public static ColumnVector create(ColumnDescriptor column, int size, int valueCount, OffHeapBuffer definitionLevels,
                                      OffHeapBuffer repetitionLevels, OffHeapBuffer values, OffHeapBuffer offsets,
                                      OffHeapBuffer dictionaryIds, int dictionarySize) {
        Factory installed = factory;
        if (installed == null) {
            initialise();
            installed = factory;
        }
        return installed.create(column, size, valueCount, definitionLevels, repetitionLevels, values, offsets,
                dictionaryIds, dictionarySize);
    }

    private static void initialise() {
        try {
            Class.forName(ColumnVector.class.getName(), true, ColumnVector.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
