package io.github.flinklakehouse.jobs.serialization;

import java.util.Objects;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type information of a class whose records travel with a hand-written serializer (fields written directly, no
 * reflection); attach it with {@code @TypeInfo} and a {@code TypeInfoFactory}. Not a key type: key by a field.
 *
 * @param <T> the type
 */
public final class HandWrittenTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final int fields;
    private final SerializerFactory<T> serializer;

    /** Creates the serializer (serializable, since type information travels with the job graph). */
    @FunctionalInterface
    public interface SerializerFactory<T> extends Supplier<TypeSerializer<T>>, java.io.Serializable {
    }

    public HandWrittenTypeInfo(Class<T> type, int fields, SerializerFactory<T> serializer) {
        this.type = Objects.requireNonNull(type, "type");
        this.fields = fields;
        this.serializer = Objects.requireNonNull(serializer, "serializer");
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
        return fields;
    }

    @Override
    public int getTotalFields() {
        return fields;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return "HandWrittenTypeInfo<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandWrittenTypeInfo<?> that && that.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof HandWrittenTypeInfo;
    }
}
