package io.pqflux.flink.internal.types;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a source's records: serialized by their {@link Codec} (protobuf bytes for OTLP messages), never by
 * Kryo, which cannot walk protobuf's lazily built fields.
 */
public final class CodecTypeInfo<T> extends TypeInformation<T> {

    private final Codec<T> codec;

    public CodecTypeInfo(Codec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return codec.type();
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new CodecSerializer<>(codec);
    }

    @Override
    public String toString() {
        return "pqflux:" + codec.type().getName();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodecTypeInfo<?> o && o.codec.equals(codec);
    }

    @Override
    public int hashCode() {
        return codec.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof CodecTypeInfo;
    }
}
