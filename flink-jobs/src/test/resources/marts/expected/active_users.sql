-- Independent definition of marts.active_users: distinct users per UTC day, ISO week (from Monday) and month.
SELECT CAST('day' AS text) AS period, CAST(event_time AS date) AS period_start,
       CAST(count(DISTINCT user_id) AS bigint) AS active_users
FROM independent.counted_events
GROUP BY CAST(event_time AS date)
UNION ALL
SELECT CAST('week' AS text), CAST(date_trunc('week', event_time) AS date), CAST(count(DISTINCT user_id) AS bigint)
FROM independent.counted_events
GROUP BY date_trunc('week', event_time)
UNION ALL
SELECT CAST('month' AS text), CAST(date_trunc('month', event_time) AS date), CAST(count(DISTINCT user_id) AS bigint)
FROM independent.counted_events
GROUP BY date_trunc('month', event_time)
