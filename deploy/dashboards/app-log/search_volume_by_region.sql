-- Search volume by region on the latest UTC day of the marts ('(none)': searches without a region).
-- Run: ./lakehouse query "$(cat deploy/dashboards/app-log/search_volume_by_region.sql)"  (or psql as lakehouse_bi)
-- Reads marts.search_volume_hourly; searches add up over the hours (users and sessions would not: not shown).
SELECT coalesce(nullif(region, ''), '(none)') AS region, sum(searches) AS searches
FROM marts.search_volume_hourly
WHERE event_date = (SELECT max(event_date) FROM marts.search_volume_hourly)
GROUP BY 1
ORDER BY searches DESC, region;
