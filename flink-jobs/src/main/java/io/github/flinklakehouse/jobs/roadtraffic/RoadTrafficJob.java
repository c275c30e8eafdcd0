package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.http.DeadLetterSplitter;
import io.github.flinklakehouse.connectors.http.HttpDeadLetter;
import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.HttpRecord;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.engine.MartEngineSettings;
import io.github.flinklakehouse.jobs.marts.engine.MartInputs;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.OnTimeEvents;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficSettings;
import io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts;
import io.github.flinklakehouse.jobs.roadtraffic.marts.TrafficMartEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.flink.TableLoader;

/**
 * The road-traffic pipeline: toll-gate counts and weather forecasts polled from HTTP APIs into the lake, bad items
 * into the rejected table, the traffic marts into PostgreSQL. Sources and sinks are passed in, so tests and bounded
 * runs swap them.
 *
 * <pre>
 *  KEC trafficIc (HttpSource)  uid road-traffic.kec-source.v1
 *     │
 *  split HTTP dead letters ───────────────────────────────────────┐ failed windows (HttpDeadLetter → DeadLetter)
 *     │  uid road-traffic.kec-split.v1                            │  uid road-traffic.kec-http-dead-letters.v1
 *  parse trafficIc items ─────────────────────────────────────────┤ typed dead letters (side output)
 *     │  uid road-traffic.parse-traffic.v1                        │
 *  event-time watermarks (slot start)  uid road-traffic.watermarks.v1
 *     ├──> raw.tollgate_traffic  uid road-traffic.raw-traffic-sink.v1
 *  OnTimeEvents (watermark vs slot + lateness) ───────────────────┤ LATE dead letters
 *     │  uid road-traffic.late-filter.v1                          │  uid road-traffic.late-dead-letters.v1
 *  keyBy(gate, direction, lane, class, slot): each measurement ───┤ DUPLICATE_COUNT dead letters
 *     │  once (latest poll wins), + toll-gate dimension (region,  │
 *     │  unknown counted)  uid road-traffic.marts.project.v2      │
 *     └──> mart engine (RoadTrafficMarts) → PostgreSQL upserts ───┤ SUM_OVERFLOW dead letters
 *                                                                 │
 *  KMA getUltraSrtFcst, one endpoint per grid cell                │
 *     │  uid road-traffic.kma-source.v1                           │
 *  split ─────────────────────────────────────────────────────────┤  uid road-traffic.kma-split.v1
 *  parse forecast items ──────────────────────────────────────────┤  uid road-traffic.parse-weather.v1
 *     ├──> raw.weather_forecast  uid road-traffic.raw-weather-sink.v1
 *  base-time watermarks  uid road-traffic.weather-watermarks.v1   │
 *  OnTimeEvents (watermark vs forecast time + lateness) ──────────┤ LATE dead letters
 *     │  uid road-traffic.weather-late-filter.v1                  │  uid road-traffic.weather-late-dead-letters.v1
 *  T1H/RN1/PTY/SKY values, one per region of the cell             │
 *     │  uid road-traffic.weather-project.v1                      │
 *     └──> second input of the mart engine (traffic_weather_hourly)
 *                                                                 ├──> raw.rejected_events
 *                                                                 │    uid road-traffic.rejected-sink.v1
 *                                                                 └──> rejected_daily (RejectedDailyMart, mart engine)
 *                                                                      uid road-traffic.rejected-daily.*.v1
 * </pre>
 *
 * <p>{@link #addTo} only builds the graph. The same graph runs live (unbounded sources) and as a bounded run over a
 * past range (a backfill), with the same marts.
 */
public final class RoadTrafficJob {

    public static final String PIPELINE = RoadTrafficMarts.PIPELINE;
    public static final String JOB_NAME = "lakehouse-road-traffic";

    private final RoadTrafficSettings settings;
    private final Duration flushInterval;
    private final TollGateDirectory gates;
    private final Source<HttpPollResult, ?, ?> trafficSource;
    private final Source<HttpPollResult, ?, ?> weatherSource;
    private final SinkBinding<TollgateTraffic> rawTraffic;
    private final SinkBinding<WeatherForecast> rawWeather;
    private final SinkBinding<DeadLetter> rejected;
    private final MartSinks martSinks;
    private final TableLoader rawTrafficTable;

    /**
     * @param settings the pipeline's settings
     * @param flushInterval how often the marts flush ({@code marts.flush-interval})
     * @param gates the toll-gate dimension
     * @param trafficSource KEC trafficIc polls
     * @param weatherSource KMA forecast polls, or null without weather
     * @param rawTraffic where every parsed count goes
     * @param rawWeather where every parsed forecast value goes
     * @param rejected where every dead letter goes
     * @param martSinks where the marts' rows go
     * @param rawTrafficTable the table {@code pipeline_freshness} reports the snapshot of, or null
     */
    public RoadTrafficJob(RoadTrafficSettings settings, Duration flushInterval, TollGateDirectory gates,
            Source<HttpPollResult, ?, ?> trafficSource, Source<HttpPollResult, ?, ?> weatherSource,
            SinkBinding<TollgateTraffic> rawTraffic, SinkBinding<WeatherForecast> rawWeather,
            SinkBinding<DeadLetter> rejected, MartSinks martSinks, TableLoader rawTrafficTable) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.trafficSource = Objects.requireNonNull(trafficSource, "trafficSource");
        this.weatherSource = weatherSource;
        this.rawTraffic = Objects.requireNonNull(rawTraffic, "rawTraffic");
        this.rawWeather = Objects.requireNonNull(rawWeather, "rawWeather");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.martSinks = Objects.requireNonNull(martSinks, "martSinks");
        this.rawTrafficTable = rawTrafficTable;
    }

    /** Adds the pipeline to {@code env}; never calls {@code execute}. */
    public void addTo(StreamExecutionEnvironment env) {
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        TypeInformation<TollgateTraffic> trafficType = TypeInformation.of(TollgateTraffic.class);

        SingleOutputStreamOperator<TollgateTraffic> counts = parsed(env, trafficSource, "kec", "KEC trafficIc",
                new ParsePolledRecords<>(TollgateTrafficParser::parse), trafficType, "parse-traffic", deadLetters);
        SingleOutputStreamOperator<TollgateTraffic> timed = counts
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<TollgateTraffic>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                        .withTimestampAssigner((count, previous) -> count.slotStart())
                        .withIdleness(settings.idleness()))
                .uid(uid("watermarks")).name("Slot-time watermarks");
        rawTraffic.bind(timed, uid("raw-traffic-sink"), "raw.tollgate_traffic sink");

        OnTimeEvents<TollgateTraffic> lateness = new OnTimeEvents<>(settings.allowedLateness(),
                TollgateTraffic::slotStart, trafficType);
        SingleOutputStreamOperator<TollgateTraffic> onTime = timed.process(lateness, trafficType)
                .uid(uid("late-filter")).name("Split off late counts");
        DataStream<TollgateTraffic> late = onTime.getSideOutput(lateness.lateEvents());
        deadLetters.add(late.map(new LateCountDeadLetters(), TypeInformation.of(DeadLetter.class))
                .uid(uid("late-dead-letters")).name("Late counts to dead letters"));
        DataStream<Long> lateTimes = late.map(TollgateTraffic::slotStart, Types.LONG)
                .uid(PIPELINE + ".marts.late-event-times.v2").name("Slot times of late counts");
        SingleOutputStreamOperator<TrafficMartEvent> projected = onTime
                .keyBy(CountEachMeasurementOnce.KEY, Types.STRING)
                .process(new CountEachMeasurementOnce(gates, settings.allowedLateness()),
                        TypeInformation.of(TrafficMartEvent.class))
                .uid(PIPELINE + ".marts.project.v2").name("Project each measurement once for the marts");
        deadLetters.add(projected.getSideOutput(CountEachMeasurementOnce.DUPLICATES));
        List<DataStream<TrafficMartEvent>> martEvents = new ArrayList<>(List.of(projected));

        if (weatherSource != null) {
            TypeInformation<WeatherForecast> forecastType = TypeInformation.of(WeatherForecast.class);
            SingleOutputStreamOperator<WeatherForecast> forecasts = parsed(env, weatherSource, "kma",
                    "KMA forecasts", new ParsePolledRecords<>(WeatherForecastParser::parse), forecastType,
                    "parse-weather", deadLetters);
            rawWeather.bind(forecasts, uid("raw-weather-sink"), "raw.weather_forecast sink");
            // Forecasts are issued in base-time order and describe the hours after it: the watermark follows the
            // base time, the late check the forecast time (the hour the value is for).
            OnTimeEvents<WeatherForecast> forecastLateness = new OnTimeEvents<>(settings.allowedLateness(),
                    WeatherForecast::forecastTime, forecastType);
            SingleOutputStreamOperator<WeatherForecast> onTimeForecasts = forecasts
                    .assignTimestampsAndWatermarks(WatermarkStrategy
                            .<WeatherForecast>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                            .withTimestampAssigner((forecast, previous) -> forecast.baseTime())
                            .withIdleness(settings.idleness()))
                    .uid(uid("weather-watermarks")).name("Base-time watermarks")
                    .process(forecastLateness, forecastType)
                    .uid(uid("weather-late-filter")).name("Split off late forecasts");
            deadLetters.add(onTimeForecasts.getSideOutput(forecastLateness.lateEvents())
                    .map(new LateForecastDeadLetters(), TypeInformation.of(DeadLetter.class))
                    .uid(uid("weather-late-dead-letters")).name("Late forecasts to dead letters"));
            martEvents.add(onTimeForecasts
                    .flatMap(new ForecastMartEvents(gates), TypeInformation.of(TrafficMartEvent.class))
                    .uid(uid("weather-project")).name("Project forecasts for the marts (one per region of the cell)"));
        }

        MartSet<TrafficMartEvent> marts = RoadTrafficMarts.of(settings);
        MartEngineSettings engine = new MartEngineSettings(settings.allowedLateness(), flushInterval);
        deadLetters.addAll(marts.addTo(new MartInputs<>(martEvents, lateTimes, engine, rawTrafficTable), martSinks));

        DataStream<DeadLetter> all = deadLetters.get(0);
        for (DataStream<DeadLetter> more : deadLetters.subList(1, deadLetters.size())) {
            all = all.union(more);
        }
        // rejected_daily (this pipeline's rows of the table the pipelines share) counts what goes to the rejected table.
        rejected.bind(RejectedDailyMart.addTo(PIPELINE, all, settings.maxOutOfOrderness(), settings.idleness(), engine,
                martSinks), uid("rejected-sink"), "raw.rejected_events sink");
    }

    /** Source, HTTP dead-letter split and parse of one API; adds both kinds of dead letters to {@code deadLetters}. */
    private <T> SingleOutputStreamOperator<T> parsed(StreamExecutionEnvironment env,
            Source<HttpPollResult, ?, ?> source, String api, String label, ParsePolledRecords<T> parser,
            TypeInformation<T> type, String parseStage, List<DataStream<DeadLetter>> deadLetters) {
        SingleOutputStreamOperator<HttpRecord> records = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "HTTP: " + label,
                        TypeInformation.of(HttpPollResult.class))
                .uid(uid(api + "-source")).name("HTTP: " + label)
                .process(new DeadLetterSplitter(), TypeInformation.of(HttpRecord.class))
                .uid(uid(api + "-split")).name("Split " + label + " dead letters");
        deadLetters.add(records.getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
                .map(HttpDeadLetter::toDeadLetter, TypeInformation.of(DeadLetter.class))
                .uid(uid(api + "-http-dead-letters")).name(label + " failed windows to dead letters"));
        SingleOutputStreamOperator<T> rows = records.process(parser, type)
                .uid(uid(parseStage)).name("Parse " + label);
        deadLetters.add(rows.getSideOutput(ParsePolledRecords.DEAD_LETTERS));
        return rows;
    }

    private static String uid(String stage) {
        return PIPELINE + "." + stage + ".v1";
    }
}
