-- Independent definition of marts.activity_by_hour_of_week: per ISO weekday (1 = Monday) and UTC hour, over the
-- concrete UTC hours with at least one counted event: weeks = their number, events = their events, and per week the
-- events and the hours' distinct users (added up over the hours), divided by weeks, rounded half up to 4 decimals.
WITH hours AS (
    SELECT date_trunc('hour', event_time)   AS hour_start,
           count(*)                         AS events,
           count(DISTINCT user_id)          AS users
    FROM independent.counted_events
    GROUP BY 1
)
SELECT extract(isodow FROM hour_start)::smallint                        AS weekday,
       extract(hour FROM hour_start)::smallint                          AS hour,
       count(*)::bigint                                                 AS weeks,
       sum(events)::bigint                                              AS events,
       round(sum(events)::numeric / count(*), 4)::numeric(12, 4)        AS events_per_week,
       round(sum(users)::numeric / count(*), 4)::numeric(12, 4)         AS unique_users_per_week
FROM hours
GROUP BY 1, 2
