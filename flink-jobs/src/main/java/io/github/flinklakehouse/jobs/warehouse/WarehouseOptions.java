package io.github.flinklakehouse.jobs.warehouse;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.config.OptionReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;

/** The options of the warehouse tables the clickstream job maintains ({@code warehouse.*}). */
public final class WarehouseOptions implements OptionGroup<WarehouseSettings> {

    /** The group, for the pipeline registry. */
    public static final WarehouseOptions GROUP = new WarehouseOptions();

    public static final ConfigOption<Boolean> ENABLED = key("warehouse.enabled")
            .booleanType().defaultValue(false)
            .withDescription("Maintain the warehouse tables dim_user (SCD Type 2), dim_product and fact_user_events "
                    + "in marts.schema from the clickstream job's valid, on-time events (live and backfill), and "
                    + "their lake copies curated.dim_user, curated.dim_product, curated.fact_user_events (live, and "
                    + "after a backfill: warehouse.backfill.write-lake).");
    public static final ConfigOption<List<String>> DIM_USER_TRACKED_ATTRIBUTES =
            key("warehouse.dim-user.tracked-attributes").stringType().asList()
            .defaultValues("device", "country", "region")
            .withDescription("Event fields whose change opens a new dim_user version (one column each, in this "
                    + "order; separated by ; or ,), from: " + UserAttribute.fields() + ".");

    public static final ConfigOption<Double> MIN_COMPLETENESS = key("warehouse.backfill.min-completeness")
            .doubleType().defaultValue(WarehouseSettings.DEFAULT_MIN_COMPLETENESS)
            .withDescription("A backfill with the warehouse fails, before publishing, when fewer than this share "
                    + "(0 to 1) of its staged rows (rows read minus valid events outside the range) became "
                    + "fact_user_events rows; 0 turns the check off.");

    public static final ConfigOption<Boolean> REWRITE_LIVE_STATE = key("warehouse.backfill.rewrite-live-state")
            .booleanType().defaultValue(false)
            .withDescription("Let a backfill of a range publish the warehouse when it changes a user's current "
                    + "dim_user version or a product's dim_product row (new users and products included): a live "
                    + "job holds those in its state and would write over them with its next events. Without it such "
                    + "a backfill fails before publishing, naming how many and one example; set it only for a schema "
                    + "whose warehouse no live job maintains.");
    public static final ConfigOption<Boolean> BACKFILL_WRITE_LAKE = key("warehouse.backfill.write-lake")
            .booleanType().noDefaultValue()
            .withDescription("After a backfill published the warehouse of a range, bring the lake copies "
                    + "curated.dim_user, curated.dim_product and curated.fact_user_events to the target schema's "
                    + "rows (the lake has one copy: the live job's schema's). Default: true, false with "
                    + "warehouse.backfill.rewrite-live-state (a schema no live job maintains).");

    private WarehouseOptions() {
    }

    /** The warehouse settings of a loaded configuration (the defaults when its pipeline registry did not load them). */
    public static WarehouseSettings of(LakehouseConfig config) {
        return config.pipelines().containsKey(GROUP.title()) ? config.settings(GROUP) : WarehouseSettings.defaults();
    }

    @Override
    public String title() {
        return "Warehouse tables of the clickstream pipeline";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(ENABLED, DIM_USER_TRACKED_ATTRIBUTES, MIN_COMPLETENESS, REWRITE_LIVE_STATE, BACKFILL_WRITE_LAKE);
    }

    @Override
    public WarehouseSettings read(OptionReader v) {
        Boolean enabled = v.get(ENABLED);
        List<String> declared = v.get(DIM_USER_TRACKED_ATTRIBUTES);
        List<UserAttribute> attributes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        // Flink separates list items with ';'; ',' is accepted too, as people write lists.
        List<String> fields = (declared == null ? List.<String>of() : declared).stream()
                .flatMap(item -> Arrays.stream(item.split(","))).filter(f -> !f.isBlank()).toList();
        for (String field : fields) {
            Optional<UserAttribute> attribute = UserAttribute.byField(field);
            if (attribute.isEmpty()) {
                unknown.add("'" + field.trim() + "'");
            } else if (attributes.contains(attribute.get())) {
                unknown.add("'" + field.trim() + "' (twice)");
            } else {
                attributes.add(attribute.get());
            }
        }
        v.check(unknown.isEmpty(), DIM_USER_TRACKED_ATTRIBUTES,
                "unknown or repeated attribute " + String.join(", ", unknown) + "; known: " + UserAttribute.fields());
        v.check(!attributes.isEmpty() || !unknown.isEmpty(), DIM_USER_TRACKED_ATTRIBUTES,
                "needs at least one attribute of: " + UserAttribute.fields());
        Double minCompleteness = v.get(MIN_COMPLETENESS);
        boolean share = minCompleteness != null && minCompleteness >= 0 && minCompleteness <= 1;
        v.check(minCompleteness == null || share, MIN_COMPLETENESS,
                "must be a share from 0 to 1 (e.g. 0.9) but was " + minCompleteness);
        Boolean rewriteLiveState = v.get(REWRITE_LIVE_STATE);
        if (enabled == null || !unknown.isEmpty() || attributes.isEmpty() || !share || rewriteLiveState == null) {
            return null;
        }
        return new WarehouseSettings(enabled, attributes, minCompleteness, rewriteLiveState,
                v.optional(BACKFILL_WRITE_LAKE).orElse(!rewriteLiveState));
    }
}
