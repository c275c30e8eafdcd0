-- Per toll gate: name, region, location (for a map) and its vehicles on the latest UTC day and over the last 7 days.
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/tollgate_detail.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgates and marts.tollgate_traffic_daily; a gate without traffic shows 0.
WITH latest AS (SELECT max(event_date) AS day FROM marts.tollgate_traffic_daily)
SELECT g.unit_code, g.unit_name, g.region, g.latitude, g.longitude,
       coalesce(sum(d.volume) FILTER (WHERE d.event_date = latest.day), 0) AS volume_latest_day,
       coalesce(sum(d.volume) FILTER (WHERE d.event_date > latest.day - 7), 0) AS volume_last_7_days
FROM marts.tollgates g
CROSS JOIN latest
LEFT JOIN marts.tollgate_traffic_daily d ON d.unit_code = g.unit_code
GROUP BY g.unit_code, g.unit_name, g.region, g.latitude, g.longitude
ORDER BY g.unit_code;
