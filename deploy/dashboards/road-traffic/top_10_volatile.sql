-- Top 10 toll gates of the latest UTC day whose hourly volume varied most (coefficient of variation).
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/top_10_volatile.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_volatility_daily and marts.tollgates.
SELECT v.event_date, v.rank, v.unit_code, coalesce(g.unit_name, v.unit_code) AS unit_name, v.region,
       v.coefficient_of_variation, v.mean_hourly_volume, v.hours
FROM marts.tollgate_volatility_daily v
LEFT JOIN marts.tollgates g ON g.unit_code = v.unit_code
WHERE v.event_date = (SELECT max(event_date) FROM marts.tollgate_volatility_daily)
ORDER BY v.rank;
