package io.github.flinklakehouse.jobs.clickstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.github.flinklakehouse.jobs.clickstream.ClickEventQualityFields;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.config.OptionReader;
import io.github.flinklakehouse.jobs.config.SharedOptions;
import io.github.flinklakehouse.jobs.quality.FieldKind;
import io.github.flinklakehouse.jobs.quality.QualityRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;

/**
 * The clickstream pipeline's own options: its Kafka topic, event-time and validation rules, dedupe, and the shapes
 * of its marts. Keys from before options were split per component ({@code kafka.topic}, {@code marts.sessions.*},
 * ...) are still read, as deprecated keys.
 */
public final class ClickstreamOptions implements OptionGroup<ClickstreamConfig> {

    /** The group, for the pipeline registry. */
    public static final ClickstreamOptions GROUP = new ClickstreamOptions();

    /** Kafka's default largest message; a bigger limit could never be reached. */
    private static final int MAX_PAYLOAD_LIMIT = 1024 * 1024;
    private static final int MAX_TOP_N = 1_000;

    public static final ConfigOption<String> KAFKA_TOPIC = key("clickstream.kafka.topic")
            .stringType().defaultValue("clickstream.events").withDeprecatedKeys("kafka.topic")
            .withDescription("Topic of clickstream events (JSON, one object per record).");
    public static final ConfigOption<String> KAFKA_GROUP_ID = key("clickstream.kafka.group-id")
            .stringType().defaultValue("lakehouse-clickstream").withDeprecatedKeys("kafka.group-id")
            .withDescription("Kafka consumer group id (offsets are committed on checkpoints).");
    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = key("clickstream.kafka.starting-offsets")
            .enumType(StartingOffsets.class).defaultValue(StartingOffsets.EARLIEST)
            .withDeprecatedKeys("kafka.starting-offsets")
            .withDescription("Where to start without a checkpoint: earliest, latest or committed.");
    public static final ConfigOption<String> KAFKA_STARTING_POSITIONS = key("clickstream.kafka.starting-positions")
            .stringType().noDefaultValue()
            .withDescription("Explicit partition:offset[,partition:offset...] to start at without a checkpoint, "
                    + "instead of starting-offsets (other partitions: committed, else earliest); lakehouse run sets "
                    + "it to the positions after the last ones in the lake when it starts a job without state.");
    public static final ConfigOption<Duration> CLICKSTREAM_MAX_OUT_OF_ORDERNESS = key("clickstream.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5)).withDescription("Bounded out-of-orderness of event times (watermark lag).");
    public static final ConfigOption<Duration> CLICKSTREAM_IDLENESS = key("clickstream.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30)).withDescription("A source split without events for this long stops holding back the watermark.");
    public static final ConfigOption<Duration> CLICKSTREAM_ALLOWED_LATENESS = key("clickstream.allowed-lateness")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("How far behind the watermark an event may arrive and still count in the marts; later ones "
                    + "are kept in the raw table, become LATE dead letters and are counted in pipeline_freshness.");
    public static final ConfigOption<Integer> CLICKSTREAM_MAX_PAYLOAD_BYTES = key("clickstream.max-payload-bytes")
            .intType().defaultValue(16 * 1024)
            .withDescription("Largest accepted record in bytes; larger ones become OVERSIZED dead letters.");
    public static final ConfigOption<Duration> CLICKSTREAM_FUTURE_TOLERANCE = key("clickstream.future-tolerance")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("How far event_time may lie after the record's Kafka timestamp (never the wall clock, so "
                    + "replays agree); later ones become FUTURE_TIMESTAMP dead letters.");
    public static final ConfigOption<String> CLICKSTREAM_OLDEST_EVENT_TIME = key("clickstream.oldest-event-time")
            .stringType().defaultValue("2000-01-01T00:00:00Z")
            .withDescription("ISO-8601 instant; events before it become TOO_OLD dead letters.");
    public static final ConfigOption<Duration> CLICKSTREAM_DEDUPE_HORIZON = key("clickstream.dedupe-horizon")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("An event_id seen again within this event-time distance is a producer retry: "
                    + "dropped from the raw table and marts and recorded as a DUPLICATE_EVENT_ID dead letter.");
    public static final ConfigOption<Map<String, String>> FORMAT_FIELDS = key("clickstream.format.fields")
            .mapType().noDefaultValue()
            .withDescription("Declared JSON format: contract field:source field name or JSON pointer (e.g. "
                    + "user_session:session_id,device:/context/device); fields not named are read from their own "
                    + "name. Unset with the other clickstream.format options: the dataset's JSON.");
    public static final ConfigOption<Map<String, String>> FORMAT_EVENT_TYPES = key("clickstream.format.event-types")
            .mapType().noDefaultValue()
            .withDescription("Declared JSON format: source event type:contract event type (e.g. "
                    + "page_view:view,add_to_cart:cart); other values must be contract types, else "
                    + "UNKNOWN_EVENT_TYPE.");
    public static final ConfigOption<Map<String, String>> FORMAT_DEFAULTS = key("clickstream.format.defaults")
            .mapType().noDefaultValue()
            .withDescription("Declared JSON format: contract field:value used when the source's value is absent, null "
                    + "or empty (e.g. category_id:0); never for event_time.");
    public static final ConfigOption<Map<String, String>> FORMAT_ID_PATTERNS = key("clickstream.format.id-patterns")
            .mapType().noDefaultValue()
            .withDescription("Declared JSON format: id field:text form of its ids, a prefix then one # per digit "
                    + "(e.g. user_id:u######,product_id:p####); u000123 is carried as 123, other forms are WRONG_TYPE.");
    public static final ConfigOption<Boolean> FORMAT_DERIVE_EVENT_IDS = key("clickstream.format.derive-event-ids")
            .booleanType().defaultValue(false)
            .withDescription("Declared JSON format: give an event without event_id one derived from its content "
                    + "(sha256:...), so a repeated line within clickstream.dedupe-horizon is a DUPLICATE_EVENT_ID "
                    + "dead letter; only for sources whose identical lines are retries, never two real events.");
    public static final ConfigOption<Integer> MARTS_POPULAR_TOP_N = key("clickstream.marts.popular-products.top-n")
            .intType().defaultValue(20).withDeprecatedKeys("marts.popular-products.top-n")
            .withDescription("Products per day in popular_products_daily.");
    public static final ConfigOption<Integer> MARTS_TRENDING_TOP_N = key("clickstream.marts.trending-products.top-n")
            .intType().defaultValue(10).withDeprecatedKeys("marts.trending-products.top-n")
            .withDescription("Products per refresh in trending_products.");
    public static final ConfigOption<Duration> MARTS_TRENDING_WINDOW = key("clickstream.marts.trending-products.window")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDeprecatedKeys("marts.trending-products.window")
            .withDescription("How far back (event time) trending_products counts carts.");
    public static final ConfigOption<Duration> MARTS_TRENDING_REFRESH = key("clickstream.marts.trending-products.refresh")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDeprecatedKeys("marts.trending-products.refresh")
            .withDescription("How often (event time) trending_products gets a new ranking; must divide clickstream.marts.trending-products.window.");
    public static final ConfigOption<Integer> MARTS_TRENDING_FAVORITES_TOP_N =
            key("clickstream.marts.trending-favorites.top-n").intType().defaultValue(10)
            .withDescription("Products per refresh in trending_favorites.");
    public static final ConfigOption<Duration> MARTS_TRENDING_FAVORITES_WINDOW =
            key("clickstream.marts.trending-favorites.window").durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("How far back (event time) trending_favorites counts favorite events.");
    public static final ConfigOption<Duration> MARTS_TRENDING_FAVORITES_REFRESH =
            key("clickstream.marts.trending-favorites.refresh").durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("How often (event time) trending_favorites gets a new ranking; must divide "
                    + "clickstream.marts.trending-favorites.window.");
    public static final ConfigOption<Integer> MARTS_SEARCH_QUERIES_TOP_N =
            key("clickstream.marts.search-queries.top-n").intType().defaultValue(10)
            .withDescription("Normalised queries per day and region in top_search_queries_daily.");
    public static final ConfigOption<Duration> MARTS_SESSION_TIMEOUT = key("clickstream.marts.sessions.inactivity-timeout")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDeprecatedKeys("marts.sessions.inactivity-timeout")
            .withDescription("Event-time inactivity after which a session's row in sessions is final.");

    public static final ConfigOption<List<String>> QUALITY_RULES = key("clickstream.quality.rules")
            .stringType().asList().noDefaultValue()
            .withDescription("Data-quality rules, one per list item (separated by ;): '<name> = <field> <check> "
                    + "[<argument>] [when <field> = <value>|...] -> warn|drop|fail', checks not-null, range <min>..<max>, "
                    + "in <a>|<b>, matches <regex>, fresh <max age>[..<max ahead>], unique <window>, "
                    + "seen-before <window>; e.g. 'price_range = price range 0..100000 -> drop'. See the README.");

    public static final ConfigOption<List<String>> QUALITY_BACKFILL_KEYS = key("clickstream.quality.backfill-keys")
            .stringType().asList().defaultValues(DatasetFields.EVENT_TIME, DatasetFields.EVENT_TYPE,
                    DatasetFields.PRODUCT_ID, DatasetFields.USER_ID, DatasetFields.USER_SESSION)
            .withDescription("Key fields a backfill checks with 'key_<field>_not_null = <field> not-null -> fail' "
                    + "besides clickstream.quality.rules: a missing key fails the backfill naming the rule and record.");

    /** Every clickstream option, in the order {@code --help} lists them. */
    public static final List<ConfigOption<?>> ALL = List.of(
            KAFKA_TOPIC, KAFKA_GROUP_ID, KAFKA_STARTING_OFFSETS, KAFKA_STARTING_POSITIONS,
            CLICKSTREAM_MAX_OUT_OF_ORDERNESS, CLICKSTREAM_IDLENESS, CLICKSTREAM_ALLOWED_LATENESS,
            CLICKSTREAM_MAX_PAYLOAD_BYTES, CLICKSTREAM_FUTURE_TOLERANCE, CLICKSTREAM_OLDEST_EVENT_TIME,
            CLICKSTREAM_DEDUPE_HORIZON, FORMAT_FIELDS, FORMAT_EVENT_TYPES, FORMAT_DEFAULTS, FORMAT_ID_PATTERNS,
            FORMAT_DERIVE_EVENT_IDS, MARTS_POPULAR_TOP_N, MARTS_TRENDING_TOP_N, MARTS_TRENDING_WINDOW, MARTS_TRENDING_REFRESH,
            MARTS_TRENDING_FAVORITES_TOP_N, MARTS_TRENDING_FAVORITES_WINDOW, MARTS_TRENDING_FAVORITES_REFRESH,
            MARTS_SEARCH_QUERIES_TOP_N, MARTS_SESSION_TIMEOUT, QUALITY_RULES,
            QUALITY_BACKFILL_KEYS);

    private ClickstreamOptions() {
    }

    @Override
    public String title() {
        return "Pipeline clickstream";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    @Override
    public ClickstreamConfig read(OptionReader v) {
        KafkaSettings kafka = new KafkaSettings(v.nonBlank(SharedOptions.KAFKA_BOOTSTRAP_SERVERS), v.nonBlank(KAFKA_TOPIC),
                v.nonBlank(KAFKA_GROUP_ID), v.get(KAFKA_STARTING_OFFSETS), v.optional(KAFKA_STARTING_POSITIONS).orElse(null));
        int maxPayloadBytes = v.between(CLICKSTREAM_MAX_PAYLOAD_BYTES, 64, MAX_PAYLOAD_LIMIT);
        Duration futureTolerance = v.notNegative(CLICKSTREAM_FUTURE_TOLERANCE);
        Instant oldestEventTime = v.instant(CLICKSTREAM_OLDEST_EVENT_TIME);
        Duration maxOutOfOrderness = v.notNegative(CLICKSTREAM_MAX_OUT_OF_ORDERNESS);
        Duration idleness = v.positive(CLICKSTREAM_IDLENESS);
        Duration allowedLateness = v.notNegative(CLICKSTREAM_ALLOWED_LATENESS);
        Duration dedupeHorizon = v.positive(CLICKSTREAM_DEDUPE_HORIZON);
        EventFormat format = format(v);
        int popularTopN = v.between(MARTS_POPULAR_TOP_N, 1, MAX_TOP_N);
        TrendingSettings trendingProducts = trending(v, MARTS_TRENDING_TOP_N, MARTS_TRENDING_WINDOW,
                MARTS_TRENDING_REFRESH);
        TrendingSettings trendingFavorites = trending(v, MARTS_TRENDING_FAVORITES_TOP_N,
                MARTS_TRENDING_FAVORITES_WINDOW, MARTS_TRENDING_FAVORITES_REFRESH);
        int searchQueriesTopN = v.between(MARTS_SEARCH_QUERIES_TOP_N, 1, MAX_TOP_N);
        Duration sessionTimeout = v.positive(MARTS_SESSION_TIMEOUT);
        Duration flushInterval = v.positive(SharedOptions.MARTS_FLUSH_INTERVAL);
        QualityRules quality = quality(v);
        if (v.hasProblems()) {
            return null;
        }
        return new ClickstreamConfig(kafka, new ClickstreamSettings(maxOutOfOrderness, idleness, allowedLateness,
                flushInterval, new EventValidation(maxPayloadBytes, futureTolerance, oldestEventTime, format),
                dedupeHorizon,
                new ClickstreamMartSettings(popularTopN, trendingProducts, trendingFavorites, searchQueriesTopN,
                        sessionTimeout), quality));
    }

    /** The declared data-quality rules; every mistake of every rule is reported under the key at once. */
    private static QualityRules quality(OptionReader v) {
        List<String> problems = new ArrayList<>();
        Map<String, FieldKind> fields = new ClickEventQualityFields().kinds();
        QualityRules rules = QualityRules.parse(v.optional(QUALITY_RULES).orElse(List.of()), fields, problems);
        v.check(problems.isEmpty(), QUALITY_RULES, String.join("; ", problems));
        List<String> keys = v.get(QUALITY_BACKFILL_KEYS);
        keys = keys == null ? List.of() : keys.stream().map(String::trim).filter(key -> !key.isEmpty()).toList();
        List<String> keyProblems = QualityRules.backfillKeyProblems(keys, fields);
        v.check(keyProblems.isEmpty(), QUALITY_BACKFILL_KEYS, String.join("; ", keyProblems));
        return new QualityRules(rules.rules(), keys);
    }

    /** The declared JSON format; every mistake is reported under its key; null when one is invalid. */
    private static EventFormat format(OptionReader v) {
        Map<String, String> fields = trimmed(v.optional(FORMAT_FIELDS));
        Map<String, String> eventTypes = trimmed(v.optional(FORMAT_EVENT_TYPES));
        Map<String, String> defaults = trimmed(v.optional(FORMAT_DEFAULTS));
        Map<String, String> patterns = trimmed(v.optional(FORMAT_ID_PATTERNS));
        Map<String, IdPattern> idPatterns = new HashMap<>();
        List<String> fieldProblems = EventFormat.fieldProblems(fields);
        List<String> typeProblems = EventFormat.eventTypeProblems(eventTypes);
        List<String> patternProblems = EventFormat.idPatternProblems(patterns, idPatterns);
        v.check(fieldProblems.isEmpty(), FORMAT_FIELDS, String.join("; ", fieldProblems));
        v.check(typeProblems.isEmpty(), FORMAT_EVENT_TYPES, String.join("; ", typeProblems));
        v.check(patternProblems.isEmpty(), FORMAT_ID_PATTERNS, String.join("; ", patternProblems));
        if (!fieldProblems.isEmpty() || !typeProblems.isEmpty() || !patternProblems.isEmpty()) {
            return null;
        }
        Boolean derived = v.get(FORMAT_DERIVE_EVENT_IDS);
        EventFormat format = new EventFormat(fields, eventTypes, defaults, idPatterns, Boolean.TRUE.equals(derived));
        List<String> defaultProblems = format.defaultProblems();
        v.check(defaultProblems.isEmpty(), FORMAT_DEFAULTS, String.join("; ", defaultProblems));
        return defaultProblems.isEmpty() ? format : null;
    }

    private static Map<String, String> trimmed(Optional<Map<String, String>> declared) {
        Map<String, String> trimmed = new LinkedHashMap<>();
        declared.orElse(Map.of()).forEach((key, value) -> trimmed.put(key.trim(), value == null ? "" : value.trim()));
        return trimmed;
    }

    /** One trending mart's shape; null (with the problems reported) when an option is invalid. */
    private static TrendingSettings trending(OptionReader v, ConfigOption<Integer> topNOption,
            ConfigOption<Duration> windowOption, ConfigOption<Duration> refreshOption) {
        int topN = v.between(topNOption, 1, MAX_TOP_N);
        Duration window = v.positive(windowOption);
        Duration refresh = v.positive(refreshOption);
        boolean bothPositive = window != null && refresh != null && refresh.toMillis() > 0;
        v.check(!bothPositive || window.toMillis() % refresh.toMillis() == 0,
                refreshOption, "must divide " + windowOption.key() + " (" + window + ")");
        return v.hasProblems() ? null : new TrendingSettings(topN, window, refresh);
    }
}
