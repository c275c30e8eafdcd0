-- Session length distribution: sessions that started in the last 7 days of the marts, by duration band.
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/session_length.sql)"  (or psql as lakehouse_bi)
-- Reads marts.sessions (duration = last - first event, whole seconds; a one-event session lasts 0 s).
SELECT CASE WHEN duration_seconds = 0 THEN '0 s'
            WHEN duration_seconds < 60 THEN '1-59 s'
            WHEN duration_seconds < 300 THEN '1-5 min'
            WHEN duration_seconds < 900 THEN '5-15 min'
            WHEN duration_seconds < 1800 THEN '15-30 min'
            WHEN duration_seconds < 3600 THEN '30-60 min'
            ELSE '1 h or more' END AS duration,
       count(*) AS sessions,
       round(avg(events), 1) AS average_events,
       round(avg(converted::int), 4) AS conversion
FROM marts.sessions
WHERE first_event_time > (SELECT max(first_event_time) FROM marts.sessions) - interval '7 days'
GROUP BY 1
ORDER BY min(duration_seconds);
