-- Congestion by region as a heat map (colour scale): one row per region, one column per hour of the latest UTC day,
-- named by its KST hour (UTC + 9 h: h09 is 00:00 UTC, h08 is 23:00 UTC). Each cell is the hour's level against the
-- region's usual volume for that hour of the week: 0 unknown (no history yet), 1 light (< 0.8 x usual), 2 normal
-- (< 1.2), 3 busy (< 1.5), 4 congested; NULL: no count for that hour yet.
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/region_congestion.sql)"  (or psql as lakehouse_bi)
-- Reads marts.region_congestion_hourly (volume, usual_volume and congestion_ratio per region and hour are there too).
WITH latest AS (SELECT max(event_date) AS day FROM marts.region_congestion_hourly),
levels AS (
    SELECT c.region, c.hour,
           CASE c.congestion_level WHEN 'light' THEN 1 WHEN 'normal' THEN 2 WHEN 'busy' THEN 3
                WHEN 'congested' THEN 4 ELSE 0 END AS level_rank
    FROM marts.region_congestion_hourly c
    CROSS JOIN latest
    WHERE c.event_date = latest.day
)
SELECT region,
       max(level_rank) FILTER (WHERE hour = 0) AS h09,
       max(level_rank) FILTER (WHERE hour = 1) AS h10,
       max(level_rank) FILTER (WHERE hour = 2) AS h11,
       max(level_rank) FILTER (WHERE hour = 3) AS h12,
       max(level_rank) FILTER (WHERE hour = 4) AS h13,
       max(level_rank) FILTER (WHERE hour = 5) AS h14,
       max(level_rank) FILTER (WHERE hour = 6) AS h15,
       max(level_rank) FILTER (WHERE hour = 7) AS h16,
       max(level_rank) FILTER (WHERE hour = 8) AS h17,
       max(level_rank) FILTER (WHERE hour = 9) AS h18,
       max(level_rank) FILTER (WHERE hour = 10) AS h19,
       max(level_rank) FILTER (WHERE hour = 11) AS h20,
       max(level_rank) FILTER (WHERE hour = 12) AS h21,
       max(level_rank) FILTER (WHERE hour = 13) AS h22,
       max(level_rank) FILTER (WHERE hour = 14) AS h23,
       max(level_rank) FILTER (WHERE hour = 15) AS h00,
       max(level_rank) FILTER (WHERE hour = 16) AS h01,
       max(level_rank) FILTER (WHERE hour = 17) AS h02,
       max(level_rank) FILTER (WHERE hour = 18) AS h03,
       max(level_rank) FILTER (WHERE hour = 19) AS h04,
       max(level_rank) FILTER (WHERE hour = 20) AS h05,
       max(level_rank) FILTER (WHERE hour = 21) AS h06,
       max(level_rank) FILTER (WHERE hour = 22) AS h07,
       max(level_rank) FILTER (WHERE hour = 23) AS h08
FROM levels
GROUP BY region
ORDER BY region;
