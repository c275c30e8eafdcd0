-- Independent definition of marts.category_daily: per UTC day, the top-level category (category_code up to the
-- first '.') and the full category_code; events without a category_code count under '' on both levels.
SELECT CAST(event_time AS date) AS event_date, CAST('top' AS text) AS level,
       CAST(coalesce(split_part(category_code, '.', 1), '') AS text) AS category,
       CAST(count(*) AS bigint) AS events,
       CAST(count(DISTINCT user_session) AS bigint) AS unique_sessions,
       CAST(count(DISTINCT user_id) AS bigint) AS unique_users
FROM independent.counted_events
GROUP BY 1, 3
UNION ALL
SELECT CAST(event_time AS date), CAST('full' AS text),
       CAST(coalesce(category_code, '') AS text),
       CAST(count(*) AS bigint),
       CAST(count(DISTINCT user_session) AS bigint),
       CAST(count(DISTINCT user_id) AS bigint)
FROM independent.counted_events
GROUP BY 1, 3
