-- Hourly pattern: average vehicles per hour of day (KST, as drivers see it) over every day in the marts, all gates.
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/hourly_pattern.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_traffic_hourly (UTC hours; KST = UTC + 9 h, no daylight saving).
WITH hours AS (
    SELECT event_date + hour * interval '1 hour' AS hour_start, sum(volume) AS volume
    FROM marts.tollgate_traffic_hourly
    GROUP BY 1
)
SELECT extract(hour FROM hour_start + interval '9 hours')::int AS kst_hour, count(*) AS hours_seen,
       round(avg(volume), 1) AS average_volume
FROM hours
GROUP BY 1
ORDER BY 1;
