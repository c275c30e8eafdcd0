package io.github.flinklakehouse.jobs.marts.engine;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Encodes an aggregation key into bytes that are equal exactly when the keys are equal, and reads the compact
 * encoding back: memberships compare keys by their encoding, and {@link ValueBatch}es carry their keys encoded, so a
 * dimension stage builds a key object only for a key it has not buffered yet. Supports the key types aggregations use:
 * {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Boolean}, {@code String}, enums, and records of
 * those (recursively); {@link #forType} refuses anything else when the aggregation is declared.
 */
abstract class KeyEncoder {

    /** Appends the encoding of {@code key} to {@code out}. */
    abstract void encode(Object key, KeyBuffer out) throws Throwable;

    /** Reads a key that {@link #encode} wrote in the compact encoding. */
    abstract Object decode(KeyReader in) throws Throwable;

    /** The key encoded in {@code bytes[from..from + length)} (compact encoding), checked to use every byte. */
    final Object decode(KeyReader reader, byte[] bytes, int from, int length) {
        try {
            Object key = decode(reader.reset(bytes, from, length));
            if (!reader.atEnd()) {
                throw new IllegalStateException("bytes left over after " + key);
            }
            return key;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot decode an aggregation key of " + length + " bytes", e);
        }
    }

    /** The encoder of keys of {@code type}. */
    static KeyEncoder forType(Class<?> type) {
        if (type == Long.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeLong((Long) key);
                }

                @Override
                Object decode(KeyReader in) {
                    return in.readLong();
                }
            };
        }
        if (type == Integer.class || type == Short.class || type == Byte.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeLong(((Number) key).longValue());
                }

                @Override
                Object decode(KeyReader in) {
                    return narrowed(type, in.readLong());
                }
            };
        }
        if (type == Boolean.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeByte((Boolean) key ? 1 : 0);
                }

                @Override
                Object decode(KeyReader in) {
                    return in.readByte() != 0;
                }
            };
        }
        if (type == String.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeString((String) key);
                }

                @Override
                Object decode(KeyReader in) {
                    return in.readString();
                }
            };
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeLong(((Enum<?>) key).ordinal());
                }

                @Override
                Object decode(KeyReader in) {
                    return constants[Math.toIntExact(in.readLong())];
                }
            };
        }
        if (type.isRecord()) {
            return record(type);
        }
        throw new IllegalArgumentException("Aggregation keys must be Long, Integer, Short, Byte, Boolean, String, an "
                + "enum or a record of those, not " + type.getName());
    }

    /**
     * A record's components, each read through a getter generated with {@link LambdaMetafactory} (a plain method
     * call the JIT compiles like any other, unlike invoking a stored method handle).
     */
    private static KeyEncoder record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        KeyEncoder[] fields = new KeyEncoder[components.length];
        Class<?>[] parameters = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            fields[i] = component(type, components[i]);
            parameters[i] = components[i].getType();
        }
        MethodHandle construct = constructor(type, parameters);
        return new KeyEncoder() {
            @Override
            void encode(Object key, KeyBuffer out) throws Throwable {
                for (KeyEncoder field : fields) {
                    field.encode(key, out);
                }
            }

            @Override
            Object decode(KeyReader in) throws Throwable {
                Object[] arguments = new Object[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    arguments[i] = fields[i].decode(in);
                }
                return construct.invokeExact(arguments);
            }
        };
    }

    /** {@code (Object[] components) -> Object}: the canonical constructor, taking boxed components. */
    private static MethodHandle constructor(Class<?> record, Class<?>[] parameters) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(record, MethodHandles.lookup());
            return lookup.findConstructor(record, MethodType.methodType(void.class, parameters))
                    .asSpreader(Object[].class, parameters.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot find the canonical constructor of key record "
                    + record.getName() + ": " + e.getMessage(), e);
        }
    }

    /** A decoded integer as the boxed type its key or component has. */
    private static Object narrowed(Class<?> type, long value) {
        if (type == Integer.class || type == int.class) {
            return Math.toIntExact(value);
        } else if (type == Short.class || type == short.class) {
            return (short) value;
        } else if (type == Byte.class || type == byte.class) {
            return (byte) value;
        }
        return value;
    }

    private static KeyEncoder component(Class<?> record, RecordComponent component) {
        Class<?> type = component.getType();
        if (type == long.class || type == int.class || type == short.class || type == byte.class) {
            ToLongFunction<Object> getter = getter(record, component, ToLongFunction.class, "applyAsLong",
                    MethodType.methodType(long.class, Object.class));
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeLong(getter.applyAsLong(key));
                }

                @Override
                Object decode(KeyReader in) {
                    return narrowed(type, in.readLong());
                }
            };
        }
        KeyEncoder value = forType(type == boolean.class ? Boolean.class : type);
        Function<Object, Object> getter = getter(record, component, Function.class, "apply",
                MethodType.methodType(Object.class, Object.class));
        return new KeyEncoder() {
            @Override
            void encode(Object key, KeyBuffer out) throws Throwable {
                Object field = getter.apply(key);
                if (field == null) {
                    out.writeByte(0);
                } else {
                    out.writeByte(1);
                    value.encode(field, out);
                }
            }

            @Override
            Object decode(KeyReader in) throws Throwable {
                return in.readByte() == 0 ? null : value.decode(in);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <F> F getter(Class<?> record, RecordComponent component, Class<?> functionType, String method,
            MethodType erased) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(record, MethodHandles.lookup());
            MethodHandle accessor = lookup.unreflect(component.getAccessor());
            MethodType instantiated = accessor.type().wrap().changeReturnType(
                    erased.returnType() == Object.class ? accessor.type().wrap().returnType() : erased.returnType());
            return (F) LambdaMetafactory.metafactory(lookup, method, MethodType.methodType(functionType), erased,
                    accessor, instantiated).getTarget().invoke();
        } catch (Throwable e) {
            throw new IllegalArgumentException("Cannot read component " + component.getName() + " of key record "
                    + record.getName() + ": " + e.getMessage(), e);
        }
    }
}
