package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.backfill.CountRecords;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The warehouse tables of the clickstream pipeline, maintained from its valid (deduplicated, on-time) events and
 * written by the marts' upsert sinks ({@link MartSinks}): {@code dim_user} (SCD Type 2), {@code dim_product} and
 * {@code fact_user_events}. The same graph runs in STREAMING and BATCH. With {@link #withLake} the same three streams
 * also go to the lake ({@code curated.*}, {@link WarehouseLakeSinks}): no second computation, the same rows.
 *
 * <pre>
 *  on-time events, per branch ──> project (WarehouseEvent)   uid clickstream.warehouse.project[-N].v1
 *     │ union
 *     ├─keyBy(user_id)──> UserVersionsFunction               uid clickstream.warehouse.dim-user.v1
 *     │                     ├──> dim_user upserts (by user_key)          uid clickstream.dim-user-sink.v1
 *     │                     │    [lake: curated.dim_user upserts]        uid clickstream.dim-user-lake-sink.v1
 *     │                     └──> facts (side output) ──> count (fact-rows)   uid clickstream.warehouse.count-facts.v1
 *     │                            ──> fact_user_events upserts (by event_id)    uid clickstream.fact-user-events-sink.v1
 *     │                          [lake: curated.fact_user_events upserts]
 *     │                                                        uid clickstream.fact-user-events-lake-sink.v1
 *     └─keyBy(product_id)─> ProductDimensionFunction         uid clickstream.warehouse.dim-product.v1
 *                           ├──> dim_product upserts (by product_key)    uid clickstream.dim-product-sink.v1
 *                           └──> [lake: curated.dim_product upserts]     uid clickstream.dim-product-lake-sink.v1
 * </pre>
 */
public final class Warehouse implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String PROJECT_UID = "clickstream.warehouse.project.v1";
    public static final String DIM_USER_UID = "clickstream.warehouse.dim-user.v1";
    public static final String DIM_PRODUCT_UID = "clickstream.warehouse.dim-product.v1";
    public static final String DIM_USER_SINK_UID = "clickstream.dim-user-sink.v1";
    public static final String DIM_PRODUCT_SINK_UID = "clickstream.dim-product-sink.v1";
    public static final String FACTS_SINK_UID = "clickstream.fact-user-events-sink.v1";
    public static final String DIM_USER_LAKE_SINK_UID = "clickstream.dim-user-lake-sink.v1";
    public static final String DIM_PRODUCT_LAKE_SINK_UID = "clickstream.dim-product-lake-sink.v1";
    public static final String FACTS_LAKE_SINK_UID = "clickstream.fact-user-events-lake-sink.v1";
    public static final String COUNT_FACTS_UID = "clickstream.warehouse.count-facts.v1";

    private final WarehouseSettings settings;
    /** Where the lake copies go, or {@code null} for PostgreSQL only (graph building only, never shipped). */
    private final transient MartSinks lake;

    public Warehouse(WarehouseSettings settings) {
        this(settings, null);
    }

    private Warehouse(WarehouseSettings settings, MartSinks lake) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lake = lake;
    }

    /** A copy that also writes the three tables' rows to {@code lakeSinks} (the curated Iceberg tables). */
    public Warehouse withLake(MartSinks lakeSinks) {
        return new Warehouse(settings, Objects.requireNonNull(lakeSinks, "lakeSinks"));
    }

    /** The tables this warehouse writes. */
    public List<MartTable<?>> tables() {
        return WarehouseTables.of(settings);
    }

    /**
     * Adds the warehouse after {@code onTime}: the job's valid events (one stream per branch), with timestamps and
     * watermarks, already past its one lateness decision with {@code allowedLateness}.
     */
    public void addTo(List<? extends DataStream<IngestedClickEvent>> onTime, Duration allowedLateness,
            MartSinks sinks) {
        DataStream<WarehouseEvent> events = null;
        for (int branch = 0; branch < onTime.size(); branch++) {
            DataStream<WarehouseEvent> projected = onTime.get(branch)
                    .map(new Projection(settings.trackedAttributes()), TypeInformation.of(WarehouseEvent.class))
                    .uid(branch == 0 ? PROJECT_UID : PROJECT_UID.replace(".v1", "-" + (branch + 1) + ".v1"))
                    .name("Project events for the warehouse");
            events = events == null ? projected : events.union(projected);
        }
        if (events == null) {
            throw new IllegalArgumentException("The warehouse needs at least one stream of events");
        }

        SingleOutputStreamOperator<DimUserRow> users = events
                .keyBy(event -> event.fact.userId(), Types.LONG)
                .process(new UserVersionsFunction(allowedLateness), TypeInformation.of(DimUserRow.class))
                .uid(DIM_USER_UID)
                .name("dim_user versions (SCD2)");
        MartTable<DimUserRow> dimUser = WarehouseTables.dimUser(settings.trackedAttributes());
        sinks.sinkFor(dimUser).bind(users, DIM_USER_SINK_UID, "dim_user upsert sink");
        // Counted for the backfill's completeness check (FactCompletenessCheck) and the web UI.
        DataStream<FactUserEventRow> facts = users.getSideOutput(UserVersionsFunction.FACTS)
                .map(new CountRecords<FactUserEventRow>(fact -> ProgressCounters.FACT_ROWS),
                        TypeInformation.of(FactUserEventRow.class))
                .uid(COUNT_FACTS_UID)
                .name("Count facts");
        sinks.sinkFor(WarehouseTables.FACT_USER_EVENTS).bind(facts, FACTS_SINK_UID, "fact_user_events upsert sink");
        if (lake != null) {
            lake.sinkFor(dimUser).bind(users, DIM_USER_LAKE_SINK_UID, "curated.dim_user upsert sink");
            lake.sinkFor(WarehouseTables.FACT_USER_EVENTS).bind(facts, FACTS_LAKE_SINK_UID,
                    "curated.fact_user_events upsert sink");
        }

        DataStream<DimProductRow> products = events
                .keyBy(event -> event.fact.productId(), Types.LONG)
                .process(new ProductDimensionFunction(), TypeInformation.of(DimProductRow.class))
                .uid(DIM_PRODUCT_UID)
                .name("dim_product");
        sinks.sinkFor(WarehouseTables.DIM_PRODUCT).bind(products, DIM_PRODUCT_SINK_UID, "dim_product upsert sink");
        if (lake != null) {
            lake.sinkFor(WarehouseTables.DIM_PRODUCT).bind(products, DIM_PRODUCT_LAKE_SINK_UID,
                    "curated.dim_product upsert sink");
        }
    }

    /** Projects a valid event once, before the shuffles. */
    private static final class Projection implements MapFunction<IngestedClickEvent, WarehouseEvent> {
        private static final long serialVersionUID = 1L;
        private final List<UserAttribute> tracked;

        Projection(List<UserAttribute> tracked) {
            this.tracked = List.copyOf(tracked);
        }

        @Override
        public WarehouseEvent map(IngestedClickEvent event) {
            return WarehouseEvent.of(event, tracked);
        }
    }
}
