-- Hourly pattern of the busiest toll gates: for each of the 10 busiest gates of the latest UTC day, its average
-- vehicles per hour of day (KST, as drivers see it) over the last 7 days in the marts (hours without vehicles are not
-- averaged in).
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/hourly_pattern.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_top_daily, marts.tollgate_traffic_hourly (UTC hours; KST = UTC + 9 h, no daylight saving)
-- and marts.tollgates.
WITH busiest AS (
    SELECT unit_code, rank
    FROM marts.tollgate_top_daily
    WHERE event_date = (SELECT max(event_date) FROM marts.tollgate_top_daily)
), hours AS (
    SELECT h.unit_code, h.event_date + h.hour * interval '1 hour' AS hour_start, sum(h.volume) AS volume
    FROM marts.tollgate_traffic_hourly h
    JOIN busiest b ON b.unit_code = h.unit_code
    WHERE h.event_date > (SELECT max(event_date) FROM marts.tollgate_traffic_hourly) - 7
    GROUP BY 1, 2
)
SELECT b.rank, h.unit_code, coalesce(g.unit_name, h.unit_code) AS unit_name,
       extract(hour FROM h.hour_start + interval '9 hours')::int AS kst_hour, count(*) AS hours_seen,
       round(avg(h.volume), 1) AS average_volume
FROM hours h
JOIN busiest b ON b.unit_code = h.unit_code
LEFT JOIN marts.tollgates g ON g.unit_code = h.unit_code
GROUP BY b.rank, h.unit_code, g.unit_name, kst_hour
ORDER BY b.rank, kst_hour;
