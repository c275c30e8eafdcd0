package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.range.PublishResult;
import io.github.flinklakehouse.jobs.marts.range.RangeMerge;
import io.github.flinklakehouse.jobs.marts.range.RangeSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Publishes a backfill's warehouse rows of a range into the target schema, so the target holds what one run over
 * all the events would have written (see the README's warehouse backfill section):
 * <ul>
 *   <li>{@code fact_user_events}: the target's facts of the range are replaced by the backfill's;</li>
 *   <li>{@code dim_user}: the history of every user with events in the range (in the target or the backfill) is
 *       re-stitched ({@link UserHistoryStitch}): the backfill's versions replace the target's versions starting in
 *       the range, a version repeating its predecessor's attributes is merged into it, every {@code valid_to} and
 *       {@code is_current} is set again; then every fact of those users gets the key of the version valid at its
 *       event time (facts outside the range too, when their version was merged or split);</li>
 *   <li>{@code dim_product}: merged row by row the way the stream keeps it, whatever the order: the least
 *       {@code first_seen}, and the category, brand, price and {@code last_seen} of the later event (on a tie the
 *       higher price), so a row never forgets events outside the range.</li>
 * </ul>
 */
public final class WarehouseRangeMerge implements RangeMerge {

    private static final int BATCH = 1_000;
    private static final String USERS = "warehouse_range_users";

    private final MartTable<DimUserRow> dimUser;
    private final List<String> attributes;

    public WarehouseRangeMerge(List<UserAttribute> tracked) {
        this.dimUser = WarehouseTables.dimUser(tracked);
        this.attributes = tracked.stream().map(UserAttribute::field).toList();
    }

    @Override
    public List<PublishResult.TablePublish> merge(Connection jdbc, String staging, String target, EventTimeRange range)
            throws SQLException {
        MartTable.requireSchemaName(staging);
        MartTable.requireSchemaName(target);
        collectUsers(jdbc, staging, target, range);
        PublishResult.TablePublish facts = replaceFacts(jdbc, staging, target, range);
        PublishResult.TablePublish users = restitchUsers(jdbc, staging, target, range);
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
                + String.join(", ", table.columns()) + ", updated_at) SELECT " + qualified(table.columns(), "s")
                + ", now() FROM " + staging + ".fact_user_events s CROSS JOIN " + RangeSql.RANGE + " WHERE "
                + RangeSql.contains("s.event_time") + " ON CONFLICT (event_id) DO UPDATE SET "
                + assignments(table.columns(), table.key()), range);
        return new PublishResult.TablePublish(table.name(), deleted, inserted, 0);
    }

    /**
     * Streams the collected users' target versions, staged versions and first later fact (ordered by user), stitches
     * each user's history and writes the difference: versions that are gone are deleted, new or changed ones upserted.
     */
    private PublishResult.TablePublish restitchUsers(Connection jdbc, String staging, String target,
            EventTimeRange range) throws SQLException {
        String attributeList = attributes.isEmpty() ? "" : ", " + String.join(", ", attributes);
        String noAttributes = attributes.stream().map(a -> ", NULL::text").collect(Collectors.joining());
        String query = "WITH " + RangeSql.RANGE_CTE
                + " SELECT 0 AS part, d.user_id, d.valid_from, d.valid_to" + qualifiedTail(attributes, "d")
                + " FROM " + target + ".dim_user d JOIN " + USERS + " u ON u.user_id = d.user_id"
                + " UNION ALL SELECT 1, d.user_id, d.valid_from, NULL::timestamptz" + qualifiedTail(attributes, "d")
                + " FROM " + staging + ".dim_user d JOIN " + USERS + " u ON u.user_id = d.user_id CROSS JOIN "
                + RangeSql.RANGE + " WHERE " + RangeSql.contains("d.valid_from")
                // The target's facts at or after the range's end that lie in a version starting before it.
                + " UNION ALL SELECT 2, f.user_id, min(f.event_time), NULL::timestamptz" + noAttributes
                + " FROM " + target + ".fact_user_events f JOIN " + USERS + " u ON u.user_id = f.user_id JOIN "
                + target + ".dim_user d ON d.user_key = f.user_key CROSS JOIN " + RangeSql.RANGE
                + " WHERE " + RangeSql.RANGE + ".range_until IS NOT NULL AND f.event_time >= " + RangeSql.RANGE
                + ".range_until AND d.valid_from < " + RangeSql.RANGE + ".range_until GROUP BY f.user_id"
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
                            deleted += write(user, range, batches, written);
                        }
                        user = new UserRows(userId);
                    }
                    user.add(rows, attributes);
                }
                if (user != null) {
                    deleted += write(user, range, batches, written);
                }
            }
            batches.flush();
        }
        return new PublishResult.TablePublish(dimUser.name(), deleted, written[0], written[1]);
    }

    /** Writes one user's stitched history; returns the versions deleted and adds to {@code written}. */
    private long write(UserRows user, EventTimeRange range, Batches batches, long[] written) throws SQLException {
        List<UserHistoryStitch.Version> stitched = UserHistoryStitch.stitch(user.targetVersions(), user.staged, range,
                user.firstLaterEvent);
        Map<Long, Integer> kept = new HashMap<>();
        for (int i = 0; i < stitched.size(); i++) {
            UserHistoryStitch.Version version = stitched.get(i);
            Long validTo = i + 1 < stitched.size() ? stitched.get(i + 1).validFromMillis() : null;
            TargetRow existing = user.target.get(version.validFromMillis());
            kept.put(version.validFromMillis(), i);
            if (existing != null && existing.version.sameAttributes(version) && Objects.equals(existing.validTo, validTo)) {
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
            if (!kept.containsKey(validFrom)) {
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
        String later = "(EXCLUDED.last_seen, EXCLUDED.latest_price) > (" + "dim_product.last_seen, "
                + "dim_product.latest_price)";
        String latest = List.of("category", "brand", "latest_price", "last_seen").stream()
                .map(c -> c + " = CASE WHEN " + later + " THEN EXCLUDED." + c + " ELSE dim_product." + c + " END")
                .collect(Collectors.joining(", "));
        long merged;
        try (PreparedStatement statement = jdbc.prepareStatement("INSERT INTO " + t + " AS dim_product ("
                + String.join(", ", table.columns()) + ", updated_at) SELECT " + qualified(table.columns(), "s")
                + ", now() FROM " + staging + ".dim_product s ON CONFLICT (product_key) DO UPDATE SET "
                + "first_seen = LEAST(dim_product.first_seen, EXCLUDED.first_seen), " + latest
                + ", updated_at = now()")) {
            merged = statement.executeLargeUpdate();
        }
        return new PublishResult.TablePublish(table.name(), 0, merged, 0);
    }

    private static long update(Connection jdbc, String sql, EventTimeRange range) throws SQLException {
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            RangeSql.bind(statement, range, null);
            return statement.executeLargeUpdate();
        }
    }

    private static String qualified(List<String> columns, String alias) {
        return columns.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    private static String qualifiedTail(List<String> columns, String alias) {
        return columns.stream().map(c -> ", " + alias + "." + c).collect(Collectors.joining());
    }

    private static String assignments(List<String> columns, List<String> key) {
        return columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", ", "", ", updated_at = now()"));
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
