package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code device_daily}: every counted event per UTC day and device ({@code ''} when missing), primary key
 * {@code (event_date, device)}; the devices' {@code events} of a day add up to {@code traffic_daily.events}.
 */
public final class DeviceDailyMart {

    /** Names the aggregation's operator {@code clickstream.marts.device-daily.v2}. */
    public static final String AGGREGATION = "device-daily";

    public static final MartTable<DeviceDailyRow> TABLE = MartTable.builder("device_daily", DeviceDailyRow.class)
            .purpose("traffic per UTC day and device ('' when missing): events, distinct users and sessions")
            .column("event_date", SqlType.DATE, DeviceDailyRow::eventDate)
            .column("device", SqlType.TEXT, DeviceDailyRow::device)
            .column("events", SqlType.BIGINT, DeviceDailyRow::events)
            .column("unique_users", SqlType.BIGINT, DeviceDailyRow::uniqueUsers)
            .column("unique_sessions", SqlType.BIGINT, DeviceDailyRow::uniqueSessions)
            .key("event_date", "device")
            .period(MartPeriod.day("event_date"))
            .build();

    private DeviceDailyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, MartKeys.DeviceDay> devices = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.DeviceDay.class),
                (event, keys) -> keys.accept(new MartKeys.DeviceDay(UtcPeriod.DAY.startOf(event.eventTime),
                        MartKeys.orEmpty(event.device))),
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        Measure events = devices.count("events");
        DistinctCount users = devices.distinct("unique_users", ClickDimensions.USER);
        DistinctCount sessions = devices.distinct("unique_sessions", ClickDimensions.SESSION);
        marts.table(devices.build(), (key, v) -> new DeviceDailyRow(Instant.ofEpochMilli(key.dayStart()), key.device(),
                        events.of(v), users.of(v), sessions.of(v)),
                TypeInformation.of(DeviceDailyRow.class), TABLE);
    }
}
