package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.config.ClickstreamSettings;
import java.sql.Timestamp;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code sessions}: one row per {@code user_session}, primary key {@code (user_session)}.
 *
 * <p>Keyed by the session, so all its events meet in one {@link SessionsFunction}; events that find their
 * session already final are returned as {@code LATE} dead letters.
 */
public final class SessionsMart implements ClickstreamMart {

    public static final String UID = "clickstream.sessions.v1";
    public static final String NAME = "Sessions";
    public static final String SINK_UID = "clickstream.sessions-sink.v1";
    public static final String SINK_NAME = "sessions upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<SessionRow> TABLE = new MartTable<>("sessions", SessionRow.class,
            List.of("user_session", "user_id", "first_event_time", "last_event_time", "duration_seconds", "events",
                    "unique_products", "views", "carts", "purchases", "revenue", "converted"),
            List.of("user_session"),
            (statement, row) -> {
                statement.setString(1, row.userSession());
                statement.setLong(2, row.userId());
                statement.setTimestamp(3, Timestamp.from(row.firstEventTime()));
                statement.setTimestamp(4, Timestamp.from(row.lastEventTime()));
                statement.setLong(5, row.durationSeconds());
                statement.setLong(6, row.events());
                statement.setLong(7, row.uniqueProducts());
                statement.setLong(8, row.views());
                statement.setLong(9, row.carts());
                statement.setLong(10, row.purchases());
                statement.setBigDecimal(11, row.revenue());
                statement.setBoolean(12, row.converted());
            },
            MartPeriod.activityPaddedByInactivity("first_event_time", "last_event_time"));

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        ClickstreamSettings settings = inputs.settings();
        SingleOutputStreamOperator<SessionRow> sessions = inputs.onTimeEvents()
                .keyBy(e -> e.event().userSession(), Types.STRING)
                .process(new SessionsFunction(settings.marts().sessionTimeout(), settings.allowedLateness(),
                        settings.martsFlushInterval()), TypeInformation.of(SessionRow.class))
                .uid(UID)
                .name(NAME);
        sinks.sinkFor(TABLE).bind(sessions, SINK_UID, SINK_NAME);
        return List.of(sessions.getSideOutput(SessionsFunction.CLOSED_SESSION_EVENTS));
    }
}
