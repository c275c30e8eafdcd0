package io.github.flinklakehouse.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The options of a pipeline's backfill job ({@code --job <pipeline>-backfill}): its input and event-time range. */
public final class BackfillOptions implements OptionGroup<BackfillSettings> {

    /** The group, for {@link ConfigLoader}. */
    public static final BackfillOptions GROUP = new BackfillOptions();

    public static final ConfigOption<BackfillSource> BACKFILL_SOURCE = key("backfill.source")
            .enumType(BackfillSource.class).noDefaultValue()
            .withDescription("backfill jobs only: what to read: files, lake (the pipeline's raw table) or kafka.");
    public static final ConfigOption<String> BACKFILL_FILES = key("backfill.files")
            .stringType().noDefaultValue()
            .withDescription("backfill from files: comma-separated CSV files (dataset format, .gz "
                    + "gunzipped), folders or globs in the last path segment; local, file:// or s3:// paths.");
    public static final ConfigOption<String> BACKFILL_FROM = key("backfill.from")
            .stringType().noDefaultValue()
            .withDescription("backfill jobs only: first event time to include, a UTC date (2019-10-01) or "
                    + "an ISO-8601 instant; absent = unbounded.");
    public static final ConfigOption<String> BACKFILL_UNTIL = key("backfill.until")
            .stringType().noDefaultValue()
            .withDescription("backfill jobs only: event time to stop before (exclusive), a UTC date or an "
                    + "ISO-8601 instant; absent = unbounded.");
    public static final ConfigOption<Boolean> BACKFILL_WRITE_LAKE = key("backfill.write-lake")
            .booleanType().noDefaultValue()
            .withDescription("backfill jobs only: append accepted events and dead letters to the raw "
                    + "tables; default true for files, false for kafka, never for lake.");
    public static final ConfigOption<String> BACKFILL_KAFKA_START = key("backfill.kafka.start")
            .stringType().defaultValue("earliest")
            .withDescription("backfill from kafka: earliest, an ISO-8601 instant, or "
                    + "partition:offset[,partition:offset...].");
    public static final ConfigOption<String> BACKFILL_KAFKA_STOP = key("backfill.kafka.stop")
            .stringType().defaultValue("latest")
            .withDescription("backfill from kafka: latest (at job start), an ISO-8601 instant, or "
                    + "partition:offset[,...]; exclusive.");

    /** Every backfill option, in the order {@code --help} lists them. */
    public static final List<ConfigOption<?>> ALL = List.of(BACKFILL_SOURCE, BACKFILL_FILES, BACKFILL_FROM,
            BACKFILL_UNTIL, BACKFILL_WRITE_LAKE, BACKFILL_KAFKA_START, BACKFILL_KAFKA_STOP);

    private BackfillOptions() {
    }

    @Override
    public String title() {
        return "Backfills (--job <pipeline>-backfill)";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    @Override
    public BackfillSettings read(OptionReader v) {
        BackfillSource source = v.get(BACKFILL_SOURCE);
        Instant from = v.optional(BACKFILL_FROM).map(t -> v.rangeBound(BACKFILL_FROM)).orElse(null);
        Instant until = v.optional(BACKFILL_UNTIL).map(t -> v.rangeBound(BACKFILL_UNTIL)).orElse(null);
        boolean ordered = from == null || until == null || from.isBefore(until);
        v.check(ordered, BACKFILL_UNTIL, "must be after " + BACKFILL_FROM.key() + " (" + from + ")");
        String files = v.optional(BACKFILL_FILES).orElse(null);
        v.check(source != BackfillSource.FILES || (files != null && !files.isBlank()), BACKFILL_FILES,
                "is required by --backfill.source files");
        Boolean writeLake = v.optional(BACKFILL_WRITE_LAKE).orElse(null);
        v.check(source != BackfillSource.LAKE || !Boolean.TRUE.equals(writeLake), BACKFILL_WRITE_LAKE,
                "cannot be true for --backfill.source lake: its events are already in the lake");
        return new BackfillSettings(source, files, ordered ? new EventTimeRange(from, until) : EventTimeRange.ALL,
                writeLake, v.nonBlank(BACKFILL_KAFKA_START), v.nonBlank(BACKFILL_KAFKA_STOP));
    }
}
