package io.github.flinklakehouse.jobs.marts.engine;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Encodes an aggregation key into bytes that are equal exactly when the keys are equal: a one-way encoding for
 * comparing keys in compact state (memberships never read a key back). Supports the key types aggregations use:
 * {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Boolean}, {@code String}, enums, and records of
 * those (recursively); {@link #forType} refuses anything else when the aggregation is declared.
 */
abstract class KeyEncoder {

    /** Appends the encoding of {@code key} to {@code out}. */
    abstract void encode(Object key, KeyBuffer out) throws Throwable;

    /** The encoder of keys of {@code type}. */
    static KeyEncoder forType(Class<?> type) {
        if (type == Long.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeLong((Long) key);
                }
            };
        }
        if (type == Integer.class || type == Short.class || type == Byte.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeLong(((Number) key).longValue());
                }
            };
        }
        if (type == Boolean.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeByte((Boolean) key ? 1 : 0);
                }
            };
        }
        if (type == String.class) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeString((String) key);
                }
            };
        }
        if (type.isEnum()) {
            return new KeyEncoder() {
                @Override
                void encode(Object key, KeyBuffer out) {
                    out.writeLong(((Enum<?>) key).ordinal());
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
        for (int i = 0; i < components.length; i++) {
            fields[i] = component(type, components[i]);
        }
        return new KeyEncoder() {
            @Override
            void encode(Object key, KeyBuffer out) throws Throwable {
                for (KeyEncoder field : fields) {
                    field.encode(key, out);
                }
            }
        };
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

    private static Class<?> boxed(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "long" -> Long.class;
            case "int" -> Integer.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "boolean" -> Boolean.class;
            default -> throw new IllegalArgumentException("Key components of type " + primitive + " are not supported");
        };
    }
}
