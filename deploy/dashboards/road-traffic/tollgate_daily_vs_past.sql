-- A toll gate's vehicles per UTC day over the last 14 days in the marts, each beside the same weekday a week before
-- (NULL when the marts have no count for that day).
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/tollgate_daily_vs_past.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_traffic_daily and marts.tollgates; use with a toll-gate filter (unit_code).
WITH latest AS (SELECT max(event_date) AS day FROM marts.tollgate_traffic_daily)
SELECT d.unit_code, coalesce(g.unit_name, d.unit_code) AS unit_name, d.event_date, d.volume,
       w.volume AS volume_week_before
FROM marts.tollgate_traffic_daily d
CROSS JOIN latest
LEFT JOIN marts.tollgate_traffic_daily w ON w.unit_code = d.unit_code AND w.event_date = d.event_date - 7
LEFT JOIN marts.tollgates g ON g.unit_code = d.unit_code
WHERE d.event_date > latest.day - 14
ORDER BY d.unit_code, d.event_date;
