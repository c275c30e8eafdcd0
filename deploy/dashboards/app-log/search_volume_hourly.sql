-- Searches per UTC hour and region over the last 7 days of the marts.
-- Run: ./lakehouse query "$(cat deploy/dashboards/app-log/search_volume_hourly.sql)"  (or psql as lakehouse_bi)
-- Reads marts.search_volume_hourly; hour_start is the UTC hour's start.
SELECT event_date + hour * interval '1 hour' AS hour_start, coalesce(nullif(region, ''), '(none)') AS region,
       searches, unique_users
FROM marts.search_volume_hourly
WHERE event_date + hour * interval '1 hour'
      > (SELECT max(event_date + hour * interval '1 hour') FROM marts.search_volume_hourly) - interval '7 days'
ORDER BY 1, 2;
