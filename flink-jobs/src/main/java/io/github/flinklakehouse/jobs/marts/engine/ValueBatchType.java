package io.github.flinklakehouse.jobs.marts.engine;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type information of one dimension's {@link ValueBatch}es: the value type, the key type of each counting
 * aggregation and the partial type of each keyed mart, in {@link DimensionPlan} order. The keys cross the network in
 * their {@link KeyEncoder} encoding, so only the value and partial types take part in the serializer; the key types
 * stay part of the type's identity and description (a plan with other keys is another batch type).
 *
 * @param <V> the dimension's value type
 */
final class ValueBatchType<V> extends TypeInformation<ValueBatch<V>> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<V> value;
    private final List<TypeInformation<?>> keys;
    private final List<TypeInformation<?>> partials;

    ValueBatchType(TypeInformation<V> value, List<TypeInformation<?>> keys, List<TypeInformation<?>> partials) {
        this.value = value;
        this.keys = List.copyOf(keys);
        this.partials = List.copyOf(partials);
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
        return 8;
    }

    @Override
    public int getTotalFields() {
        return 8;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<ValueBatch<V>> getTypeClass() {
        return (Class) ValueBatch.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<ValueBatch<V>> createSerializer(SerializerConfig config) {
        TypeSerializer<Object>[] partialSerializers = new TypeSerializer[partials.size()];
        for (int j = 0; j < partials.size(); j++) {
            partialSerializers[j] = (TypeSerializer<Object>) partials.get(j).createSerializer(config);
        }
        return new ValueBatchSerializer<>(value.createSerializer(config), partialSerializers);
    }

    @Override
    public String toString() {
        return "ValueBatch<" + value + ", keys " + keys + ", partials " + partials + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueBatchType<?> that && value.equals(that.value) && keys.equals(that.keys)
                && partials.equals(that.partials);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * value.hashCode() + keys.hashCode()) + partials.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof ValueBatchType;
    }
}
