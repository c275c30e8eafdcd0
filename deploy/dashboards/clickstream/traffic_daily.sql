-- Traffic and revenue per UTC day over the last 90 days of the marts, with each day's peak hour.
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/traffic_daily.sql)"  (or psql as lakehouse_bi)
-- Reads marts.traffic_daily (distinct counts are distinct over the day, not sums of hours).
SELECT event_date, events, unique_users, unique_sessions, purchases, revenue, peak_hour, peak_hour_events
FROM marts.traffic_daily
WHERE event_date > (SELECT max(event_date) FROM marts.traffic_daily) - 90
ORDER BY event_date;
