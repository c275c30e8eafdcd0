package io.github.flinklakehouse.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamPipeline;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The warehouse options: defaults, declared attributes, and every mistake reported with its key at start. */
class WarehouseOptionsTest {

    @Test
    void offByDefaultTrackingWhatTheEventsCarry() {
        WarehouseSettings defaults = WarehouseOptions.of(LakehouseJobs.PIPELINES.defaults());
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.trackedAttributes())
                .containsExactly(UserAttribute.DEVICE, UserAttribute.COUNTRY, UserAttribute.REGION);
        assertThat(new ClickstreamPipeline().martTables(LakehouseJobs.PIPELINES.defaults())).extracting(MartTable::name)
                .doesNotContain("dim_user", "dim_product", "fact_user_events");
    }

    @Test
    void declaredAttributesBecomeTheColumnsOfDimUserAndTheTablesArePublishedWithThePipeline() {
        LakehouseConfig config = load(Map.of("warehouse.enabled", "true",
                "warehouse.dim-user.tracked-attributes", " Country ,device"));
        WarehouseSettings settings = WarehouseOptions.of(config);
        assertThat(settings.trackedAttributes()).containsExactly(UserAttribute.COUNTRY, UserAttribute.DEVICE);
        assertThat(WarehouseTables.dimUser(settings.trackedAttributes()).columns()).containsExactly("user_key",
                "user_id", "country", "device", "valid_from", "valid_to", "is_current");
        assertThat(new ClickstreamPipeline().martTables(config)).extracting(MartTable::name)
                .contains("dim_user", "dim_product", "fact_user_events");
    }

    @Test
    void aBackfillWritesTheLakeCopiesUnlessItRewritesASchemaNoLiveJobMaintains() {
        ClickstreamPipeline pipeline = new ClickstreamPipeline();
        assertThat(pipeline.rangeLakeCopies(load(Map.of()))).as("warehouse off").isEmpty();
        assertThat(pipeline.rangeLakeCopies(load(Map.of("warehouse.enabled", "true"))))
                .singleElement().isInstanceOf(WarehouseLakeCopy.class);
        assertThat(pipeline.rangeLakeCopies(load(Map.of("warehouse.enabled", "true",
                "warehouse.backfill.rewrite-live-state", "true")))).isEmpty();
        assertThat(pipeline.rangeLakeCopies(load(Map.of("warehouse.enabled", "true",
                "warehouse.backfill.rewrite-live-state", "true", "warehouse.backfill.write-lake", "true")))).hasSize(1);
        assertThat(pipeline.rangeLakeCopies(load(Map.of("warehouse.enabled", "true",
                "warehouse.backfill.write-lake", "false")))).isEmpty();
        assertThatThrownBy(() -> load(Map.of("warehouse.backfill.write-lake", "sometimes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.backfill.write-lake");
    }

    @Test
    void anUnknownOrRepeatedAttributeFailsAtStartNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("warehouse.dim-user.tracked-attributes", "device,browser")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.dim-user.tracked-attributes: unknown or repeated attribute 'browser'")
                .hasMessageContaining("known: device, country, region");
        assertThatThrownBy(() -> load(Map.of("warehouse.dim-user.tracked-attributes", "device,DEVICE")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.dim-user.tracked-attributes: unknown or repeated attribute 'DEVICE' "
                        + "(twice)");
        assertThatThrownBy(() -> load(Map.of("warehouse.enabled", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.enabled");
    }

    private static LakehouseConfig load(Map<String, String> options) {
        return LakehouseJobs.PIPELINES.loadConfig(options, Optional.empty(), Map.of());
    }
}
