-- Activity heat map: average events per week for each UTC hour of day (rows) and ISO weekday (columns).
-- Run: ./lakehouse query "$(cat deploy/dashboards/app-log/activity_heat_map.sql)"  (or psql as lakehouse_bi)
-- Reads marts.activity_by_hour_of_week (weeks in which the hour had no event are not averaged in); NULL: no data.
SELECT hour,
       max(events_per_week) FILTER (WHERE weekday = 1) AS mon,
       max(events_per_week) FILTER (WHERE weekday = 2) AS tue,
       max(events_per_week) FILTER (WHERE weekday = 3) AS wed,
       max(events_per_week) FILTER (WHERE weekday = 4) AS thu,
       max(events_per_week) FILTER (WHERE weekday = 5) AS fri,
       max(events_per_week) FILTER (WHERE weekday = 6) AS sat,
       max(events_per_week) FILTER (WHERE weekday = 7) AS sun
FROM marts.activity_by_hour_of_week
GROUP BY hour
ORDER BY hour;
