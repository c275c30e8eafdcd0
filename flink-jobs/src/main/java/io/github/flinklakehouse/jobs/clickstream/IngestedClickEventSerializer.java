package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.jobs.serialization.CompactStrings;
import io.github.flinklakehouse.jobs.serialization.HandWrittenTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes an {@link IngestedClickEvent} field by field, without reflection: valid events cross the network between
 * the parse step and the raw sink, the dedupe and the lake reads, so this runs once or twice per event.
 */
public final class IngestedClickEventSerializer extends TypeSerializerSingleton<IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    public static final IngestedClickEventSerializer INSTANCE = new IngestedClickEventSerializer();

    private static final EventType[] TYPES = EventType.values();
    private static final byte LONG_PRICE = 0;
    private static final byte BIG_PRICE = 1;
    private static final int HAS_QUANTITY = 1;
    private static final int HAS_REVENUE = 2;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public IngestedClickEvent createInstance() {
        return null;
    }

    @Override
    public IngestedClickEvent copy(IngestedClickEvent from) {
        return from;
    }

    @Override
    public IngestedClickEvent copy(IngestedClickEvent from, IngestedClickEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(IngestedClickEvent ingested, DataOutputView target) throws IOException {
        ClickEvent event = ingested.event();
        writeInstant(event.eventTime(), target);
        target.writeByte(event.eventType().ordinal());
        target.writeLong(event.productId());
        target.writeLong(event.categoryId());
        CompactStrings.write(event.categoryCode(), target);
        CompactStrings.write(event.brand(), target);
        writeDecimal(event.price(), target);
        target.writeLong(event.userId());
        CompactStrings.write(event.userSession(), target);
        CompactStrings.write(event.eventId(), target);
        CompactStrings.write(event.device(), target);
        CompactStrings.write(event.country(), target);
        CompactStrings.write(event.region(), target);
        CompactStrings.write(event.searchQuery(), target);
        CompactStrings.write(ingested.source(), target);
        CompactStrings.write(ingested.sourcePosition(), target);
        writeInstant(ingested.ingestedAt(), target);
        // Quantity and revenue, added after the first release, come last: one flag byte, 0 for a dataset event.
        byte extras = (byte) ((event.quantity() != null ? HAS_QUANTITY : 0)
                | (event.revenue() != null ? HAS_REVENUE : 0));
        target.writeByte(extras);
        if (event.quantity() != null) {
            target.writeInt(event.quantity());
        }
        if (event.revenue() != null) {
            writeDecimal(event.revenue(), target);
        }
    }

    @Override
    public IngestedClickEvent deserialize(DataInputView source) throws IOException {
        Instant eventTime = readInstant(source);
        EventType type = TYPES[source.readByte()];
        long productId = source.readLong();
        long categoryId = source.readLong();
        String categoryCode = CompactStrings.read(source);
        String brand = CompactStrings.read(source);
        BigDecimal price = readDecimal(source);
        long userId = source.readLong();
        String userSession = CompactStrings.read(source);
        String eventId = CompactStrings.read(source);
        String device = CompactStrings.read(source);
        String country = CompactStrings.read(source);
        String region = CompactStrings.read(source);
        String searchQuery = CompactStrings.read(source);
        String sourceName = CompactStrings.read(source);
        String sourcePosition = CompactStrings.read(source);
        Instant ingestedAt = readInstant(source);
        byte extras = source.readByte();
        Integer quantity = (extras & HAS_QUANTITY) != 0 ? source.readInt() : null;
        BigDecimal revenue = (extras & HAS_REVENUE) != 0 ? readDecimal(source) : null;
        ClickEvent event = new ClickEvent(eventTime, type, productId, categoryId, categoryCode, brand, price, userId,
                userSession, eventId, device, country, region, searchQuery, quantity, revenue);
        return new IngestedClickEvent(event, sourceName, sourcePosition, ingestedAt);
    }

    @Override
    public IngestedClickEvent deserialize(IngestedClickEvent reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static void writeInstant(Instant instant, DataOutputView target) throws IOException {
        target.writeLong(instant.getEpochSecond());
        target.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputView source) throws IOException {
        return Instant.ofEpochSecond(source.readLong(), source.readInt());
    }

    private static void writeDecimal(BigDecimal value, DataOutputView target) throws IOException {
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() < 64) {
            target.writeByte(LONG_PRICE);
            target.writeInt(value.scale());
            target.writeLong(unscaled.longValue());
        } else {
            byte[] bytes = unscaled.toByteArray();
            target.writeByte(BIG_PRICE);
            target.writeInt(value.scale());
            target.writeInt(bytes.length);
            target.write(bytes);
        }
    }

    private static BigDecimal readDecimal(DataInputView source) throws IOException {
        byte form = source.readByte();
        int scale = source.readInt();
        if (form == LONG_PRICE) {
            return BigDecimal.valueOf(source.readLong(), scale);
        }
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return new BigDecimal(new BigInteger(bytes), scale);
    }

    @Override
    public TypeSerializerSnapshot<IngestedClickEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<IngestedClickEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Makes {@code TypeInformation.of(IngestedClickEvent.class)} use this serializer. */
    public static final class Factory extends TypeInfoFactory<IngestedClickEvent> {
        @Override
        public TypeInformation<IngestedClickEvent> createTypeInfo(Type type,
                Map<String, TypeInformation<?>> parameters) {
            return new HandWrittenTypeInfo<>(IngestedClickEvent.class, 4, () -> INSTANCE);
        }
    }
}
