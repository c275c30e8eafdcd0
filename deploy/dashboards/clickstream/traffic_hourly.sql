-- Traffic and revenue per UTC hour over the last 7 days of the marts (clickstream overview, "over time").
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/traffic_hourly.sql)"  (or psql as lakehouse_bi)
-- Reads marts.traffic_hourly; hour_start is the UTC hour's start (timestamp without time zone, UTC).
SELECT event_date + hour * interval '1 hour' AS hour_start, events, unique_users, unique_sessions, purchases, revenue
FROM marts.traffic_hourly
WHERE event_date + hour * interval '1 hour'
      > (SELECT max(event_date + hour * interval '1 hour') FROM marts.traffic_hourly) - interval '7 days'
ORDER BY 1;
