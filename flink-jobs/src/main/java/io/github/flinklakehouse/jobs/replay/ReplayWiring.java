package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.lake.PositionKeyConverter;

import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.jobs.clickstream.ClickEventRows;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.ReplaySettings;
import io.github.flinklakehouse.jobs.lake.IcebergAppendBinding;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;

/** Wires the replay job to the lake: bounded Iceberg reads of the rejected and raw tables, the raw table sink. */
public final class ReplayWiring {

    private ReplayWiring() {
    }

    /** Builds the replay of {@code config.replay()} against the configured catalog. */
    public static RejectedEventsReplay create(LakehouseConfig config) {
        return create(config, config.catalog().catalogLoader());
    }

    /** Like {@link #create(LakehouseConfig)} but with another Iceberg catalog (tests use a local one). */
    public static RejectedEventsReplay create(LakehouseConfig config, CatalogLoader catalog) {
        ReplaySettings replay = config.replay();
        ClickstreamSettings clickstream = ClickstreamConfig.of(config).clickstream();
        return new RejectedEventsReplay(replay, clickstream.validation(),
                IcebergSource.forOutputType(new RejectedRowConverter())
                        .tableLoader(TableLoader.fromCatalog(catalog, RawTables.REJECTED_EVENTS))
                        .streaming(false)
                        .filters(scanFilters(replay))
                        .build(),
                PositionKeyConverter.scan(catalog, RawTables.CLICKSTREAM_EVENTS, RawTables.CLICKSTREAM_EVENTS_SCHEMA),
                rawEventIds(catalog), clickstream.dedupeHorizon(),
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalog, RawTables.CLICKSTREAM_EVENTS),
                        RawTables.CLICKSTREAM_EVENTS_SCHEMA, new ClickEventRows()));
    }

    /** The event id and time of every raw row that has an id. */
    static IcebergSource<RawEventId> rawEventIds(CatalogLoader catalog) {
        return IcebergSource.forOutputType(new RawEventId.Converter())
                .tableLoader(TableLoader.fromCatalog(catalog, RawTables.CLICKSTREAM_EVENTS))
                .streaming(false)
                .project(RawTables.CLICKSTREAM_EVENTS_SCHEMA.select("event_time", "event_id"))
                .filters(List.of(Expressions.notNull("event_id")))
                .build();
    }

    /** Prunes data files by reason and seen_at (rejected_events is partitioned by day(seen_at)). */
    static List<Expression> scanFilters(ReplaySettings replay) {
        List<Expression> filters = new ArrayList<>();
        filters.add(Expressions.equal("reason", replay.reason()));
        if (replay.seenFrom() != null) {
            filters.add(Expressions.greaterThanOrEqual("seen_at", ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
                    replay.seenFrom())));
        }
        if (replay.seenUntil() != null) {
            filters.add(Expressions.lessThan("seen_at", ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
                    replay.seenUntil())));
        }
        return filters;
    }
}
