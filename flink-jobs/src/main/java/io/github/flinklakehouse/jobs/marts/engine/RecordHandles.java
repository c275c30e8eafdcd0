package io.github.flinklakehouse.jobs.marts.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Composes, once per record type, the two method handles of {@link RecordKeySerializer}: one that writes every
 * component in declaration order and one that reads them in the same order straight into the canonical constructor.
 * Primitives are written as themselves ({@code DataOutput}'s methods), strings as {@link StringValue} (char by char:
 * lossless for every string, a lone surrogate included, so a key's hash and key group are the same on both sides of
 * the shuffle; UTF-8 bytes would turn a lone surrogate from a JSON escape into {@code ?}), enums and boxed numbers
 * behind a null flag.
 */
final class RecordHandles {

    private static final MethodHandles.Lookup OWN = MethodHandles.lookup();

    private RecordHandles() {
    }

    /** Whether a key record may have a component of {@code type}. */
    static boolean supports(Class<?> type) {
        return type.isPrimitive() && type != char.class && type != float.class && type != double.class
                || type == String.class || type.isEnum() || type == Long.class || type == Integer.class;
    }

    /** {@code (Object key, DataOutputView out) -> void}: writes each of a record's components in order. */
    static MethodHandle writer(MethodHandles.Lookup lookup, RecordComponent[] components)
            throws ReflectiveOperationException {
        MethodType shape = MethodType.methodType(void.class, Object.class, DataOutputView.class);
        MethodHandle all = MethodHandles.empty(shape);
        for (int i = components.length - 1; i >= 0; i--) {
            MethodHandle accessor = lookup.unreflect(components[i].getAccessor());
            MethodHandle one = MethodHandles.filterArguments(write(components[i].getType()), 1, accessor)
                    .asType(MethodType.methodType(void.class, DataOutputView.class, Object.class));
            // foldArguments runs this component's write before the later ones.
            all = MethodHandles.foldArguments(all, MethodHandles.permuteArguments(one, shape, 1, 0));
        }
        return all;
    }

    /**
     * {@code (DataInputView in) -> Object}: reads each parameter of {@code constructor} in order and constructs. Built
     * from the last parameter backwards: the handle for parameters {@code k..} reads parameter {@code k} before it
     * calls the handle for {@code k + 1..}, so the reads happen in declaration order.
     */
    static MethodHandle reader(MethodHandle constructor, Class<?>[] parameters) throws ReflectiveOperationException {
        MethodHandle rest = MethodHandles.dropArguments(constructor, 0, DataInputView.class);
        for (int k = parameters.length - 1; k >= 0; k--) {
            // (in, p0..pk-1, in) -> record, then both inputs made one.
            MethodHandle collected = MethodHandles.collectArguments(rest, k + 1, read(parameters[k]));
            int[] order = new int[k + 2];
            for (int j = 0; j <= k; j++) {
                order[j] = j;
            }
            order[k + 1] = 0;
            rest = MethodHandles.permuteArguments(collected, collected.type().dropParameterTypes(k + 1, k + 2),
                    order);
        }
        return rest.asType(MethodType.methodType(Object.class, DataInputView.class));
    }

    /** {@code (DataOutputView out, T value) -> void}. */
    private static MethodHandle write(Class<?> type) throws ReflectiveOperationException {
        MethodType exact = MethodType.methodType(void.class, DataOutputView.class, type);
        if (type == long.class) {
            return dataOutput("writeLong", long.class).asType(exact);
        } else if (type == int.class || type == short.class || type == byte.class) {
            String method = type == int.class ? "writeInt" : type == short.class ? "writeShort" : "writeByte";
            return dataOutput(method, int.class).asType(exact);
        } else if (type == boolean.class) {
            return dataOutput("writeBoolean", boolean.class).asType(exact);
        } else if (type == String.class) {
            return OWN.findStatic(RecordHandles.class, "writeString", exact);
        } else if (type.isEnum()) {
            return OWN.findStatic(RecordHandles.class, "writeEnum",
                    MethodType.methodType(void.class, DataOutputView.class, Enum.class)).asType(exact);
        } else if (type == Long.class) {
            return OWN.findStatic(RecordHandles.class, "writeNullableLong", exact);
        } else if (type == Integer.class) {
            return OWN.findStatic(RecordHandles.class, "writeNullableInt", exact);
        }
        throw new IllegalArgumentException("Key record components of type " + type.getName() + " are not supported");
    }

    /** {@code (DataInputView in) -> T}. */
    private static MethodHandle read(Class<?> type) throws ReflectiveOperationException {
        MethodType exact = MethodType.methodType(type, DataInputView.class);
        if (type == long.class) {
            return dataInput("readLong", long.class).asType(exact);
        } else if (type == int.class) {
            return dataInput("readInt", int.class).asType(exact);
        } else if (type == short.class) {
            return dataInput("readShort", short.class).asType(exact);
        } else if (type == byte.class) {
            return dataInput("readByte", byte.class).asType(exact);
        } else if (type == boolean.class) {
            return dataInput("readBoolean", boolean.class).asType(exact);
        } else if (type == String.class) {
            return OWN.findStatic(RecordHandles.class, "readString", exact);
        } else if (type.isEnum()) {
            MethodHandle read = OWN.findStatic(RecordHandles.class, "readEnum",
                    MethodType.methodType(Object.class, Object[].class, DataInputView.class));
            return MethodHandles.insertArguments(read, 0, (Object) type.getEnumConstants()).asType(exact);
        } else if (type == Long.class) {
            return OWN.findStatic(RecordHandles.class, "readNullableLong", exact);
        } else if (type == Integer.class) {
            return OWN.findStatic(RecordHandles.class, "readNullableInt", exact);
        }
        throw new IllegalArgumentException("Key record components of type " + type.getName() + " are not supported");
    }

    private static MethodHandle dataOutput(String method, Class<?> parameter) throws ReflectiveOperationException {
        return OWN.findVirtual(DataOutput.class, method, MethodType.methodType(void.class, parameter));
    }

    private static MethodHandle dataInput(String method, Class<?> result) throws ReflectiveOperationException {
        return OWN.findVirtual(DataInput.class, method, MethodType.methodType(result));
    }

    private static void writeString(DataOutputView out, String value) throws IOException {
        StringValue.writeString(value, out);
    }

    private static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    private static void writeEnum(DataOutputView out, Enum<?> value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value.ordinal());
        }
    }

    private static Object readEnum(Object[] constants, DataInputView in) throws IOException {
        return in.readBoolean() ? constants[in.readInt()] : null;
    }

    private static void writeNullableLong(DataOutputView out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullableLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeNullableInt(DataOutputView out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer readNullableInt(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }
}
