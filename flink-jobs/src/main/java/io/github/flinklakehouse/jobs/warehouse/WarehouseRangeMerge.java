package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.range.PublishResult;
import io.github.flinklakehouse.jobs.marts.range.RangeMerge;
import io.github.flinklakehouse.jobs.marts.range.RangeSql;
import io.github.flinklakehouse.jobs.pipeline.BackfillCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Publishes a backfill's warehouse rows of a range into the target schema, so that {@code dim_user} and
 * {@code fact_user_events} hold what one run over all the events would have written (see the README's warehouse
 * backfill section):
 * <ul>
 *   <li>{@code fact_user_events}: the target's facts of the range are replaced by the backfill's;</li>
 *   <li>{@code dim_user}: the history of every user with events in the range (in the target or the backfill) is
 *       re-stitched ({@link UserHistoryStitch}): the backfill's versions replace the target's versions starting in
 *       the range, a version repeating its predecessor's attributes is merged into it, every {@code valid_to} and
 *       {@code is_current} is set again; then every fact of those users gets the key of the version valid at its
 *       event time (facts outside the range too, when their version was merged or split);</li>
 *   <li>{@code dim_product}: merged row by row the way the stream keeps it, whatever the order: the least
 *       {@code first_seen}, and the category, brand, price and {@code last_seen} of the later event (on a tie the
 *       higher price), so a row never forgets events outside the range (nor one the target had in the range that
 *       the backfill's input does not).</li>
 * </ul>
 * A live job keeps each user's current version and each product's row in its state and writes its next events
 * from there, so a publish that changes either (a new user or product too) would be overwritten, or leave two
 * current versions: unless {@code warehouse.backfill.rewrite-live-state} allows it, such a publish fails, rolled
 * back, naming how many users and products and one of each.
 */
public final class WarehouseRangeMerge implements RangeMerge {

    private static final int BATCH = 1_000;
    private static final String USERS = "warehouse_range_users";

    private final MartTable<DimUserRow> dimUser;
    private final List<String> attributes;
    private final boolean rewriteLiveState;

    /**
     * @param tracked the {@code dim_user} attributes
     * @param rewriteLiveState whether to publish even when a live job's state holds other current versions or product
     *     rows than the publish leaves
     */
    public WarehouseRangeMerge(List<UserAttribute> tracked, boolean rewriteLiveState) {
        this.dimUser = WarehouseTables.dimUser(tracked);
        this.attributes = tracked.stream().map(UserAttribute::field).toList();
        this.rewriteLiveState = rewriteLiveState;
    }

    @Override
    public List<PublishResult.TablePublish> merge(Connection jdbc, String staging, String target, EventTimeRange range)
            throws SQLException {
        MartTable.requireSchemaName(staging);
        MartTable.requireSchemaName(target);
        requireWholeMillis(range);
        LiveStateChanges changes = new LiveStateChanges();
        changedProducts(jdbc, staging, target, changes);
        collectUsers(jdbc, staging, target, range);
        PublishResult.TablePublish facts = replaceFacts(jdbc, staging, target, range);
        PublishResult.TablePublish users = restitchUsers(jdbc, staging, target, range, changes);
        if (!rewriteLiveState && changes.any()) {
            throw new BackfillCheck.Failed(changes.describe() + "; nothing of the range was published (staging schema "
                    + staging + " kept: DROP SCHEMA " + staging + " CASCADE). A live job holds those in its state and"
                    + " would write over them with its next events; publish such a range only into a schema whose"
                    + " warehouse no live job maintains, with warehouse.backfill.rewrite-live-state=true");
        }
        long repointedOutside = repointFacts(jdbc, target, range);
        PublishResult.TablePublish products = mergeProducts(jdbc, staging, target);
        return List.of(users, products, new PublishResult.TablePublish(facts.table(), facts.deleted(),
                facts.inserted() + repointedOutside, repointedOutside));
    }

    /** The users whose history the range changes: with a fact or a version of the range, in the target or staged. */
    private static void collectUsers(Connection jdbc, String staging, String target, EventTimeRange range)
            throws SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + USERS + " (user_id bigint PRIMARY KEY)"
                    + " ON COMMIT DROP");
            statement.execute("TRUNCATE " + USERS);
        }
        update(jdbc, "WITH " + RangeSql.RANGE_CTE + " INSERT INTO " + USERS
                + " SELECT f.user_id FROM " + target + ".fact_user_events f CROSS JOIN " + RangeSql.RANGE + " WHERE "
                + RangeSql.contains("f.event_time")
                + " UNION SELECT f.user_id FROM " + staging + ".fact_user_events f CROSS JOIN " + RangeSql.RANGE
                + " WHERE " + RangeSql.contains("f.event_time")
                + " UNION SELECT d.user_id FROM " + target + ".dim_user d CROSS JOIN " + RangeSql.RANGE + " WHERE "
                + RangeSql.contains("d.valid_from")
                + " UNION SELECT d.user_id FROM " + staging + ".dim_user d CROSS JOIN " + RangeSql.RANGE + " WHERE "
                + RangeSql.contains("d.valid_from"), range);
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("ANALYZE " + USERS);
        }
    }

    private static PublishResult.TablePublish replaceFacts(Connection jdbc, String staging, String target,
            EventTimeRange range) throws SQLException {
        MartTable<FactUserEventRow> table = WarehouseTables.FACT_USER_EVENTS;
        long deleted = update(jdbc, "WITH " + RangeSql.RANGE_CTE + " DELETE FROM " + target + ".fact_user_events f"
                + " USING " + RangeSql.RANGE + " WHERE " + RangeSql.contains("f.event_time"), range);
        long inserted = update(jdbc, "WITH " + RangeSql.RANGE_CTE + " INSERT INTO " + target + ".fact_user_events ("
                + String.join(", ", table.columns()) + ", updated_at) SELECT "
                + RangeSql.qualified(table.columns(), "s") + ", now() FROM " + staging + ".fact_user_events s"
                + " CROSS JOIN " + RangeSql.RANGE + " WHERE "
                + RangeSql.contains("s.event_time") + " ON CONFLICT (event_id) DO UPDATE SET "
                + RangeSql.updateFromExcluded(table), range);
        return new PublishResult.TablePublish(table.name(), deleted, inserted, 0);
    }

    /**
     * Streams the collected users' target versions, staged versions and first fact at or after the range's end
     * (ordered by user), stitches each user's history and writes the difference: versions that are gone are deleted,
     * new or changed ones upserted; a changed current version is recorded in {@code changes}.
     */
    private PublishResult.TablePublish restitchUsers(Connection jdbc, String staging, String target,
            EventTimeRange range, LiveStateChanges changes) throws SQLException {
        String noAttributes = attributes.stream().map(a -> ", NULL::text").collect(Collectors.joining());
        String query = "WITH " + RangeSql.RANGE_CTE
                + " SELECT 0 AS part, d.user_id, d.valid_from, d.valid_to" + qualifiedTail(attributes, "d")
                + " FROM " + target + ".dim_user d JOIN " + USERS + " u ON u.user_id = d.user_id"
                + " UNION ALL SELECT 1, d.user_id, d.valid_from, NULL::timestamptz" + qualifiedTail(attributes, "d")
                + " FROM " + staging + ".dim_user d JOIN " + USERS + " u ON u.user_id = d.user_id CROSS JOIN "
                + RangeSql.RANGE + " WHERE " + RangeSql.contains("d.valid_from")
                // The user's first fact at or after the range's end: if the target keyed it to a version starting
                // before the end, that version continues after the range (UserHistoryStitch); if it starts the first
                // version after the range, the stitch ignores it. No join with dim_user, so a fact whose version row
                // is not written yet still counts.
                + " UNION ALL SELECT 2, f.user_id, min(f.event_time), NULL::timestamptz" + noAttributes
                + " FROM " + target + ".fact_user_events f JOIN " + USERS + " u ON u.user_id = f.user_id CROSS JOIN "
                + RangeSql.RANGE + " WHERE " + RangeSql.RANGE + ".range_until IS NOT NULL AND f.event_time >= "
                + RangeSql.RANGE + ".range_until GROUP BY f.user_id"
                + " ORDER BY 2, 1, 3";
        String upsert = dimUser.upsert(target).sql();
        String delete = "DELETE FROM " + target + ".dim_user WHERE user_key = ?";
        long[] written = new long[2];
        long deleted = 0;
        try (PreparedStatement read = jdbc.prepareStatement(query);
                PreparedStatement upserts = jdbc.prepareStatement(upsert);
                PreparedStatement deletes = jdbc.prepareStatement(delete)) {
            RangeSql.bind(read, range, null);
            read.setFetchSize(10_000);
            Batches batches = new Batches(upserts, deletes);
            try (ResultSet rows = read.executeQuery()) {
                UserRows user = null;
                while (rows.next()) {
                    long userId = rows.getLong("user_id");
                    if (user == null || user.userId != userId) {
                        if (user != null) {
                            deleted += write(user, range, batches, written, changes);
                        }
                        user = new UserRows(userId);
                    }
                    user.add(rows, attributes);
                }
                if (user != null) {
                    deleted += write(user, range, batches, written, changes);
                }
            }
            batches.flush();
        }
        return new PublishResult.TablePublish(dimUser.name(), deleted, written[0], written[1]);
    }

    /** Writes one user's stitched history; returns the versions deleted and adds to {@code written}. */
    private long write(UserRows user, EventTimeRange range, Batches batches, long[] written, LiveStateChanges changes)
            throws SQLException {
        List<UserHistoryStitch.Version> targetVersions = user.targetVersions();
        List<UserHistoryStitch.Version> stitched = UserHistoryStitch.stitch(targetVersions, user.staged, range,
                user.firstLaterEvent);
        UserHistoryStitch.Version current = stitched.isEmpty() ? null : stitched.get(stitched.size() - 1);
        UserHistoryStitch.Version wasCurrent = targetVersions.isEmpty() ? null
                : targetVersions.get(targetVersions.size() - 1);
        if (wasCurrent == null || current == null || wasCurrent.validFromMillis() != current.validFromMillis()
                || !wasCurrent.sameAttributes(current)) {
            changes.user(user.userId, wasCurrent, current);
        }
        Set<Long> kept = new HashSet<>();
        for (int i = 0; i < stitched.size(); i++) {
            UserHistoryStitch.Version version = stitched.get(i);
            Long validTo = i + 1 < stitched.size() ? stitched.get(i + 1).validFromMillis() : null;
            TargetRow existing = user.target.get(version.validFromMillis());
            kept.add(version.validFromMillis());
            if (existing != null && existing.version.sameAttributes(version)
                    && Objects.equals(existing.validTo, validTo)) {
                continue;
            }
            DimUserRow row = new DimUserRow(SurrogateKeys.userKey(user.userId, version.validFromMillis()), user.userId,
                    version.attributes(), Instant.ofEpochMilli(version.validFromMillis()),
                    validTo == null ? null : Instant.ofEpochMilli(validTo));
            batches.upsert(dimUser, row);
            written[0]++;
            if (!range.contains(row.validFrom())) {
                written[1]++;
            }
        }
        long deleted = 0;
        for (long validFrom : user.target.keySet()) {
            if (!kept.contains(validFrom)) {
                batches.delete(SurrogateKeys.userKey(user.userId, validFrom));
                deleted++;
            }
        }
        return deleted;
    }

    /** Gives every fact of the collected users the key of its version; returns those outside the range changed. */
    private static long repointFacts(Connection jdbc, String target, EventTimeRange range) throws SQLException {
        String facts = target + ".fact_user_events";
        try (PreparedStatement statement = jdbc.prepareStatement("WITH " + RangeSql.RANGE_CTE + ", repointed AS ("
                + "UPDATE " + facts + " f SET user_key = d.user_key, updated_at = now() FROM " + USERS + " u, "
                + target + ".dim_user d WHERE f.user_id = u.user_id AND d.user_id = f.user_id"
                + " AND f.event_time >= d.valid_from AND (d.valid_to IS NULL OR f.event_time < d.valid_to)"
                + " AND f.user_key <> d.user_key RETURNING f.event_time)"
                + " SELECT count(*) FILTER (WHERE NOT (" + RangeSql.contains("r.event_time") + ")) FROM repointed r"
                + " CROSS JOIN " + RangeSql.RANGE)) {
            RangeSql.bind(statement, range, null);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static PublishResult.TablePublish mergeProducts(Connection jdbc, String staging, String target)
            throws SQLException {
        MartTable<DimProductRow> table = WarehouseTables.DIM_PRODUCT;
        String t = target + ".dim_product";
        String later = laterProductRow("EXCLUDED", "dim_product");
        String latest = List.of("category", "brand", "latest_price", "last_seen").stream()
                .map(c -> c + " = CASE WHEN " + later + " THEN EXCLUDED." + c + " ELSE dim_product." + c + " END")
                .collect(Collectors.joining(", "));
        long merged;
        try (PreparedStatement statement = jdbc.prepareStatement("INSERT INTO " + t + " AS dim_product ("
                + String.join(", ", table.columns()) + ", updated_at) SELECT "
                + RangeSql.qualified(table.columns(), "s") + ", now() FROM " + staging + ".dim_product s"
                + " ON CONFLICT (product_key) DO UPDATE SET "
                + "first_seen = LEAST(dim_product.first_seen, EXCLUDED.first_seen), " + latest
                + ", updated_at = now() WHERE EXCLUDED.first_seen < dim_product.first_seen OR " + later)) {
            merged = statement.executeLargeUpdate();
        }
        return new PublishResult.TablePublish(table.name(), 0, merged, 0);
    }

    /** True when row {@code a} holds a later event than row {@code b} (on a tie the higher price), like the stream. */
    private static String laterProductRow(String a, String b) {
        return "(" + a + ".last_seen, " + a + ".latest_price) > (" + b + ".last_seen, " + b + ".latest_price)";
    }

    /** Records the staged products the merge would add or change. */
    private static void changedProducts(Connection jdbc, String staging, String target, LiveStateChanges changes)
            throws SQLException {
        try (Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), min(s.product_id) FROM " + staging
                        + ".dim_product s LEFT JOIN " + target + ".dim_product t ON t.product_key = s.product_key"
                        + " WHERE t.product_key IS NULL OR s.first_seen < t.first_seen OR "
                        + laterProductRow("s", "t"))) {
            rows.next();
            changes.products(rows.getLong(1), rows.getLong(2));
        }
    }

    /** Bounds finer than a millisecond would split one millisecond's versions between the parts of the stitch. */
    private static void requireWholeMillis(EventTimeRange range) {
        for (Instant bound : Arrays.asList(range.from(), range.until())) {
            if (bound != null && bound.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException("A backfill with the warehouse needs range bounds in whole "
                        + "milliseconds (event times are kept in milliseconds), not " + bound);
            }
        }
    }

    private static long update(Connection jdbc, String sql, EventTimeRange range) throws SQLException {
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            RangeSql.bind(statement, range, null);
            return statement.executeLargeUpdate();
        }
    }

    private static String qualifiedTail(List<String> columns, String alias) {
        return columns.stream().map(c -> ", " + alias + "." + c).collect(Collectors.joining());
    }

    /** What the publish changes that a live job holds in its state. */
    private static final class LiveStateChanges {
        private long users;
        private String sampleUser;
        private long products;
        private long sampleProduct;

        void user(long userId, UserHistoryStitch.Version was, UserHistoryStitch.Version becomes) {
            if (users++ == 0) {
                sampleUser = "user " + userId + ": " + describe(was) + " -> " + describe(becomes);
            }
        }

        void products(long count, long sample) {
            products = count;
            sampleProduct = sample;
        }

        boolean any() {
            return users > 0 || products > 0;
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (users > 0) {
                parts.add(users + " users' current dim_user version (e.g. " + sampleUser + ")");
            }
            if (products > 0) {
                parts.add(products + " dim_product rows (e.g. product " + sampleProduct + ")");
            }
            return "The backfill would change " + String.join(" and ", parts);
        }

        private static String describe(UserHistoryStitch.Version version) {
            return version == null ? "none" : "from " + Instant.ofEpochMilli(version.validFromMillis()) + " "
                    + Arrays.toString(version.attributes());
        }
    }

    /** A target version as read: its attributes and its {@code valid_to} (epoch millis, null while current). */
    private record TargetRow(UserHistoryStitch.Version version, Long validTo) {
    }

    /** What the query returned for one user. */
    private static final class UserRows {
        final long userId;
        final Map<Long, TargetRow> target = new TreeMap<>();
        final List<UserHistoryStitch.Version> staged = new ArrayList<>();
        Long firstLaterEvent;

        UserRows(long userId) {
            this.userId = userId;
        }

        void add(ResultSet rows, List<String> attributes) throws SQLException {
            int part = rows.getInt("part");
            long validFrom = millis(rows, "valid_from");
            if (part == 2) {
                firstLaterEvent = validFrom;
                return;
            }
            String[] values = new String[attributes.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.getString(attributes.get(i));
            }
            UserHistoryStitch.Version version = new UserHistoryStitch.Version(validFrom, values);
            if (part == 0) {
                target.put(validFrom, new TargetRow(version, rows.getObject("valid_to") == null ? null
                        : millis(rows, "valid_to")));
            } else {
                staged.add(version);
            }
        }

        private static long millis(ResultSet rows, String column) throws SQLException {
            return rows.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
        }

        List<UserHistoryStitch.Version> targetVersions() {
            return target.values().stream().map(TargetRow::version).toList();
        }
    }

    /** Batched upserts and deletes of {@code dim_user} rows. */
    private static final class Batches {
        private final PreparedStatement upserts;
        private final PreparedStatement deletes;
        private int pending;

        Batches(PreparedStatement upserts, PreparedStatement deletes) {
            this.upserts = upserts;
            this.deletes = deletes;
        }

        void upsert(MartTable<DimUserRow> table, DimUserRow row) throws SQLException {
            table.binder().accept(upserts, row);
            upserts.addBatch();
            count();
        }

        void delete(long userKey) throws SQLException {
            deletes.setLong(1, userKey);
            deletes.addBatch();
            count();
        }

        private void count() throws SQLException {
            if (++pending >= BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            // Deletes first: a deleted version's key is never one the upserts write (keys follow valid_from).
            deletes.executeBatch();
            upserts.executeBatch();
            pending = 0;
        }
    }
}
