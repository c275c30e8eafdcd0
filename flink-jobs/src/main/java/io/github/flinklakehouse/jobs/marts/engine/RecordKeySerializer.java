package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.jobs.serialization.HandWrittenTypeInfo;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes an aggregation key that is a record of {@code long}, {@code int}, {@code short}, {@code byte},
 * {@code boolean}, {@code String} or enum components (boxed ones may be null) component by component, through
 * generated getters and the canonical constructor: no reflection per record, unlike Flink's POJO serializer. Used for
 * the keys inside partial values and {@link ValueBatch}es, which only cross the network: keyed state keeps the key's
 * own serializer, so savepoints are unaffected.
 *
 * @param <K> the record type
 */
final class RecordKeySerializer<K> extends TypeSerializer<K> {

    private static final long serialVersionUID = 1L;

    private final Class<K> type;
    private transient Component[] components;
    private transient MethodHandle constructor;

    private RecordKeySerializer(Class<K> type) {
        this.type = type;
    }

    /** The type information of the keys of {@code keyType} as they cross the network: fast for records. */
    static <K> TypeInformation<K> networkType(TypeInformation<K> keyType) {
        Class<K> type = keyType.getTypeClass();
        return type.isRecord() && supported(type)
                ? new HandWrittenTypeInfo<>(type, keyType.getArity(), () -> new RecordKeySerializer<>(type))
                : keyType;
    }

    private static boolean supported(Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (Kind.of(component.getType()) == null) {
                return false;
            }
        }
        return true;
    }

    private void init() {
        if (components != null) {
            return;
        }
        RecordComponent[] declared = type.getRecordComponents();
        Component[] read = new Component[declared.length];
        Class<?>[] parameters = new Class<?>[declared.length];
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            for (int i = 0; i < declared.length; i++) {
                parameters[i] = declared[i].getType();
                MethodHandle accessor = lookup.unreflect(declared[i].getAccessor())
                        .asType(MethodType.methodType(Object.class, Object.class));
                read[i] = new Component(Kind.of(parameters[i]), parameters[i], getter(accessor));
            }
            constructor = lookup.findConstructor(type, MethodType.methodType(void.class, parameters))
                    .asSpreader(Object[].class, parameters.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot serialize key record " + type.getName(), e);
        }
        components = read;
    }

    private static Function<Object, Object> getter(MethodHandle accessor) {
        return key -> {
            try {
                return accessor.invokeExact(key);
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot read a key component", e);
            }
        };
    }

    @Override
    public void serialize(K key, DataOutputView target) throws IOException {
        init();
        for (Component component : components) {
            component.kind.write(component.getter.apply(key), target);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public K deserialize(DataInputView source) throws IOException {
        init();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].kind.read(components[i].type, source);
        }
        try {
            return (K) constructor.invokeExact(values);
        } catch (Throwable e) {
            throw new IOException("Cannot construct key record " + type.getName(), e);
        }
    }

    @Override
    public K deserialize(K reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** Records are immutable. */
    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<K> duplicate() {
        return new RecordKeySerializer<>(type);
    }

    @Override
    public K createInstance() {
        return null;
    }

    @Override
    public K copy(K from) {
        return from;
    }

    @Override
    public K copy(K from, K reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordKeySerializer<?> that && that.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<K> snapshotConfiguration() {
        throw new UnsupportedOperationException("Keys of " + type.getName() + " use this serializer on the network "
                + "only, never in state");
    }

    /** Reads a record's component and knows how to write it. */
    private record Component(Kind kind, Class<?> type, Function<Object, Object> getter) {
    }

    /** How one component type is written: primitives as themselves, others behind a null flag. */
    private enum Kind {
        LONG, INT, SHORT, BYTE, BOOLEAN, STRING, ENUM, BOXED_LONG, BOXED_INT;


        static Kind of(Class<?> type) {
            if (type == long.class) {
                return LONG;
            } else if (type == int.class) {
                return INT;
            } else if (type == short.class) {
                return SHORT;
            } else if (type == byte.class) {
                return BYTE;
            } else if (type == boolean.class) {
                return BOOLEAN;
            } else if (type == String.class) {
                return STRING;
            } else if (type.isEnum()) {
                return ENUM;
            } else if (type == Long.class) {
                return BOXED_LONG;
            } else if (type == Integer.class) {
                return BOXED_INT;
            }
            return null;
        }

        void write(Object value, DataOutputView out) throws IOException {
            switch (this) {
                case LONG -> out.writeLong((Long) value);
                case INT -> out.writeInt((Integer) value);
                case SHORT -> out.writeShort((Short) value);
                case BYTE -> out.writeByte((Byte) value);
                case BOOLEAN -> out.writeBoolean((Boolean) value);
                case STRING -> StringValue.writeString((String) value, out);
                default -> {
                    out.writeBoolean(value != null);
                    if (value != null) {
                        switch (this) {
                            case ENUM -> out.writeInt(((Enum<?>) value).ordinal());
                            case BOXED_LONG -> out.writeLong((Long) value);
                            default -> out.writeInt((Integer) value);
                        }
                    }
                }
            }
        }

        Object read(Class<?> type, DataInputView in) throws IOException {
            switch (this) {
                case LONG:
                    return in.readLong();
                case INT:
                    return in.readInt();
                case SHORT:
                    return in.readShort();
                case BYTE:
                    return in.readByte();
                case BOOLEAN:
                    return in.readBoolean();
                case STRING:
                    return StringValue.readString(in);
                default:
                    if (!in.readBoolean()) {
                        return null;
                    }
                    return switch (this) {
                        case ENUM -> type.getEnumConstants()[in.readInt()];
                        case BOXED_LONG -> in.readLong();
                        default -> in.readInt();
                    };
            }
        }
    }
}
