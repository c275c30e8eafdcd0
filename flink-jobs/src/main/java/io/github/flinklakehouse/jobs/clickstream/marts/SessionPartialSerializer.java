package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.serialization.HandWrittenTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link SessionPartial} field by field: one crosses the network per session and flush, from the
 * pre-aggregation to the session stage, so reflection (Flink's POJO serializer) would be a large share of its cost.
 * Only on the network, never in state.
 */
public final class SessionPartialSerializer extends TypeSerializerSingleton<SessionPartial> {

    private static final long serialVersionUID = 1L;

    public static final SessionPartialSerializer INSTANCE = new SessionPartialSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SessionPartial createInstance() {
        return new SessionPartial();
    }

    @Override
    public SessionPartial copy(SessionPartial from) {
        SessionPartial copy = new SessionPartial();
        SessionTotals totals = from.totals;
        SessionTotals to = copy.totals;
        to.userId = totals.userId;
        to.firstEventMillis = totals.firstEventMillis;
        to.lastEventMillis = totals.lastEventMillis;
        to.events = totals.events;
        to.uniqueProducts = totals.uniqueProducts;
        to.views = totals.views;
        to.carts = totals.carts;
        to.purchases = totals.purchases;
        to.revenueCents = totals.revenueCents;
        to.products = totals.products.clone();
        copy.first = from.first == null ? null : ClickMartEventSerializer.INSTANCE.copy(from.first);
        return copy;
    }

    @Override
    public SessionPartial copy(SessionPartial from, SessionPartial reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SessionPartial partial, DataOutputView target) throws IOException {
        SessionTotals totals = partial.totals;
        target.writeLong(totals.userId);
        target.writeLong(totals.firstEventMillis);
        target.writeLong(totals.lastEventMillis);
        target.writeLong(totals.events);
        target.writeLong(totals.views);
        target.writeLong(totals.carts);
        target.writeLong(totals.purchases);
        target.writeLong(totals.revenueCents);
        target.writeInt(totals.products.length);
        for (long product : totals.products) {
            target.writeLong(product);
        }
        target.writeBoolean(partial.first != null);
        if (partial.first != null) {
            ClickMartEventSerializer.INSTANCE.serialize(partial.first, target);
        }
    }

    @Override
    public SessionPartial deserialize(DataInputView source) throws IOException {
        SessionPartial partial = new SessionPartial();
        SessionTotals totals = partial.totals;
        totals.userId = source.readLong();
        totals.firstEventMillis = source.readLong();
        totals.lastEventMillis = source.readLong();
        totals.events = source.readLong();
        totals.views = source.readLong();
        totals.carts = source.readLong();
        totals.purchases = source.readLong();
        totals.revenueCents = source.readLong();
        long[] products = new long[source.readInt()];
        for (int i = 0; i < products.length; i++) {
            products[i] = source.readLong();
        }
        totals.products = products;
        totals.uniqueProducts = products.length;
        if (source.readBoolean()) {
            partial.first = ClickMartEventSerializer.INSTANCE.deserialize(source);
        }
        return partial;
    }

    @Override
    public SessionPartial deserialize(SessionPartial reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<SessionPartial> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SessionPartial> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Makes {@code TypeInformation.of(SessionPartial.class)} use this serializer. */
    public static final class Factory extends TypeInfoFactory<SessionPartial> {
        @Override
        public TypeInformation<SessionPartial> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new HandWrittenTypeInfo<>(SessionPartial.class, 2, () -> INSTANCE);
        }
    }
}
