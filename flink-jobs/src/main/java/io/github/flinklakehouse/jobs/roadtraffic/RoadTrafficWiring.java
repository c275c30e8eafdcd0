package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.lake.DeadLetterRows;
import io.github.flinklakehouse.jobs.lake.IcebergAppendBinding;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficSettings;
import io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/** Wires the road-traffic job to production I/O: the two HTTP APIs in, Iceberg and PostgreSQL out. */
public final class RoadTrafficWiring {

    private RoadTrafficWiring() {
    }

    /** Creates the raw tables and the mart tables when absent (idempotent). */
    public static void prepare(LakehouseConfig config) throws SQLException {
        Catalog catalog = config.catalog().catalogLoader().loadCatalog();
        try {
            LakeTables.ensure(catalog, RawTables.ROAD_TRAFFIC);
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Closing only releases the catalog's JDBC pool; the tables are already created.
                }
            }
        }
        RoadTrafficSettings settings = config.settings(RoadTrafficOptions.GROUP);
        MartTable.ensureAll(config.marts().connection(), config.marts().schema(),
                RoadTrafficMarts.tablesWithRejected(settings));
        TollGatesTable.write(config.marts().connection(), config.marts().schema(), gates(settings));
    }

    /** The toll-gate dimension of {@code settings}: its file, or the bundled example. */
    static TollGateDirectory gates(RoadTrafficSettings settings) {
        return TollGateDirectory.load(settings.tollgatesFile() == null ? null : Path.of(settings.tollgatesFile()));
    }

    /** The job with the HTTP sources, Iceberg sinks and PostgreSQL mart sinks of {@code config}. */
    public static RoadTrafficJob create(LakehouseConfig config) {
        return create(config, config.catalog().catalogLoader(), Clock.systemUTC());
    }

    /** Like {@link #create(LakehouseConfig)} with another catalog and the clock that picks the default start. */
    public static RoadTrafficJob create(LakehouseConfig config, CatalogLoader catalog, Clock clock) {
        RoadTrafficSettings settings = config.settings(RoadTrafficOptions.GROUP);
        TollGateDirectory gates = gates(settings);
        Instant start = settings.start() != null ? settings.start() : currentSlot(clock);
        return new RoadTrafficJob(settings, config.marts().flushInterval(), gates,
                RoadTrafficSources.traffic(settings, start, settings.end()),
                settings.weather() ? RoadTrafficSources.weather(settings, gates.gridCells(), start, settings.end())
                        : null,
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalog, RawTables.TOLLGATE_TRAFFIC),
                        RawTables.TOLLGATE_TRAFFIC_SCHEMA, new TollgateTrafficRows()),
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalog, RawTables.WEATHER_FORECAST),
                        RawTables.WEATHER_FORECAST_SCHEMA, new WeatherForecastRows()),
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalog, RawTables.REJECTED_EVENTS),
                        RawTables.REJECTED_EVENTS_SCHEMA, new DeadLetterRows()),
                new JdbcMartSinks(config.marts().connection(), config.marts().schema(),
                        config.marts().flushInterval(), config.marts().holdBack()),
                TableLoader.fromCatalog(catalog, RawTables.TOLLGATE_TRAFFIC));
    }

    private static Instant currentSlot(Clock clock) {
        long slot = RoadTrafficOptions.SLOT.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(clock.millis(), slot) * slot);
    }
}
