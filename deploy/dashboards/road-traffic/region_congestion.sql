-- Congestion by region, for a colour scale (heat map: region x hour of the latest UTC day, coloured by
-- congestion_ratio or by level_rank): each hour's volume against the region's usual volume for that hour of the week.
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/region_congestion.sql)"  (or psql as lakehouse_bi)
-- Reads marts.region_congestion_hourly (UTC hours, shown in KST = UTC + 9 h). level_rank orders the colour scale:
-- 0 unknown (no history yet), 1 light (< 0.8 x usual), 2 normal (< 1.2), 3 busy (< 1.5), 4 congested.
WITH latest AS (SELECT max(event_date) AS day FROM marts.region_congestion_hourly)
SELECT c.region,
       c.event_date + c.hour * interval '1 hour' + interval '9 hours' AS kst_hour_start,
       c.volume, c.usual_volume, c.congestion_ratio, c.congestion_level,
       CASE c.congestion_level WHEN 'light' THEN 1 WHEN 'normal' THEN 2 WHEN 'busy' THEN 3
            WHEN 'congested' THEN 4 ELSE 0 END AS level_rank,
       c.history_weeks
FROM marts.region_congestion_hourly c
CROSS JOIN latest
WHERE c.event_date = latest.day
ORDER BY c.region, kst_hour_start;
