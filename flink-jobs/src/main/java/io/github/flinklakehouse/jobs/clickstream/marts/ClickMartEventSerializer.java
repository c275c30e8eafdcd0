package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.serialization.CompactStrings;
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
 * Writes a {@link ClickMartEvent} field by field (longs, an event-type byte, compact strings): every counted event
 * crosses the network once per dimension stage, so this is on the hottest path of the marts.
 */
public final class ClickMartEventSerializer extends TypeSerializerSingleton<ClickMartEvent> {

    private static final long serialVersionUID = 1L;

    public static final ClickMartEventSerializer INSTANCE = new ClickMartEventSerializer();

    private static final EventType[] TYPES = EventType.values();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ClickMartEvent createInstance() {
        return new ClickMartEvent();
    }

    @Override
    public ClickMartEvent copy(ClickMartEvent from) {
        return copy(from, new ClickMartEvent());
    }

    @Override
    public ClickMartEvent copy(ClickMartEvent from, ClickMartEvent reuse) {
        reuse.eventTime = from.eventTime;
        reuse.eventType = from.eventType;
        reuse.productId = from.productId;
        reuse.categoryCode = from.categoryCode;
        reuse.brand = from.brand;
        reuse.revenueCents = from.revenueCents;
        reuse.userId = from.userId;
        reuse.userSession = from.userSession;
        reuse.device = from.device;
        reuse.region = from.region;
        reuse.searchQuery = from.searchQuery;
        reuse.source = from.source;
        reuse.sourcePosition = from.sourcePosition;
        reuse.ingestedAt = from.ingestedAt;
        return reuse;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ClickMartEvent event, DataOutputView target) throws IOException {
        target.writeLong(event.eventTime);
        target.writeByte(event.eventType == null ? -1 : event.eventType.ordinal());
        target.writeLong(event.productId);
        CompactStrings.write(event.categoryCode, target);
        CompactStrings.write(event.brand, target);
        target.writeLong(event.revenueCents);
        target.writeLong(event.userId);
        CompactStrings.write(event.userSession, target);
        CompactStrings.write(event.device, target);
        CompactStrings.write(event.region, target);
        CompactStrings.write(event.searchQuery, target);
        CompactStrings.write(event.source, target);
        CompactStrings.write(event.sourcePosition, target);
        target.writeLong(event.ingestedAt);
    }

    @Override
    public ClickMartEvent deserialize(DataInputView source) throws IOException {
        return deserialize(new ClickMartEvent(), source);
    }

    @Override
    public ClickMartEvent deserialize(ClickMartEvent reuse, DataInputView source) throws IOException {
        reuse.eventTime = source.readLong();
        byte type = source.readByte();
        reuse.eventType = type < 0 ? null : TYPES[type];
        reuse.productId = source.readLong();
        reuse.categoryCode = CompactStrings.read(source);
        reuse.brand = CompactStrings.read(source);
        reuse.revenueCents = source.readLong();
        reuse.userId = source.readLong();
        reuse.userSession = CompactStrings.read(source);
        reuse.device = CompactStrings.read(source);
        reuse.region = CompactStrings.read(source);
        reuse.searchQuery = CompactStrings.read(source);
        reuse.source = CompactStrings.read(source);
        reuse.sourcePosition = CompactStrings.read(source);
        reuse.ingestedAt = source.readLong();
        return reuse;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.write(source, 8 + 1 + 8);
        CompactStrings.copy(source, target);
        CompactStrings.copy(source, target);
        target.write(source, 8 + 8);
        // user session, device, region, search query, source, source position
        for (int i = 0; i < 6; i++) {
            CompactStrings.copy(source, target);
        }
        target.write(source, 8);
    }

    @Override
    public TypeSerializerSnapshot<ClickMartEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ClickMartEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Makes {@code TypeInformation.of(ClickMartEvent.class)} use this serializer. */
    public static final class Factory extends TypeInfoFactory<ClickMartEvent> {
        @Override
        public TypeInformation<ClickMartEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new HandWrittenTypeInfo<>(ClickMartEvent.class, 14, () -> INSTANCE);
        }
    }
}
