package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.marts.CategoryLevel;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * How the freshness benchmark sees one event in one mart: the row the event updates (the parameters of
 * {@link #sql}) and the value of that row that includes the event once it is visible. The value is a count of the
 * row's events ({@link #distinctOf} null) or of distinct values among them: the benchmark counts the same while it
 * produces, so "the row's value reached what it was when the event was produced" is when the event is visible.
 *
 * @param mart the table, as reported
 * @param sql a query of the row's value, with one {@code ?} per parameter; no row reads as 0
 * @param rowOf the parameters of the row {@code event} updates, or null when the mart does not count it
 * @param distinctOf the value counted distinctly in the row, or null for a count of events
 */
record FreshnessProbe(String mart, String sql, Function<ClickEvent, List<Object>> rowOf,
        Function<ClickEvent, Object> distinctOf) {

    /** Every mart the benchmark probes, in the report's order. */
    static List<FreshnessProbe> all(String schema) {
        return List.of(
                new FreshnessProbe("traffic_hourly", "SELECT events FROM " + schema
                        + ".traffic_hourly WHERE event_date = ? AND hour = ?",
                        e -> List.of(date(e), e.eventTime().atZone(ZoneOffset.UTC).getHour()), null),
                new FreshnessProbe("traffic_daily", "SELECT events FROM " + schema
                        + ".traffic_daily WHERE event_date = ?", e -> List.of(date(e)), null),
                new FreshnessProbe("category_daily", "SELECT events FROM " + schema
                        + ".category_daily WHERE event_date = ? AND level = 'top' AND category = ?",
                        e -> e.categoryCode() == null ? null
                                : List.of(date(e), CategoryLevel.TOP.categoryOf(e.categoryCode())), null),
                new FreshnessProbe("sessions", "SELECT events FROM " + schema + ".sessions WHERE user_session = ?",
                        e -> List.of(e.userSession()), null),
                new FreshnessProbe("active_users", "SELECT active_users FROM " + schema
                        + ".active_users WHERE period = 'day' AND period_start = ?", e -> List.of(date(e)),
                        ClickEvent::userId));
    }

    private static Date date(ClickEvent event) {
        return Date.valueOf(LocalDate.ofInstant(event.eventTime(), ZoneOffset.UTC));
    }
}
