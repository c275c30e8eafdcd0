-- Top 10 toll gates of the latest UTC day by vehicles (road-traffic dashboard "top 10 toll gates").
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/top_10_tollgates.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_top_daily and marts.tollgates; gates missing from the dimension show their code only.
SELECT t.event_date, t.rank, t.unit_code, coalesce(g.unit_name, t.unit_code) AS unit_name, t.region, t.volume
FROM marts.tollgate_top_daily t
LEFT JOIN marts.tollgates g ON g.unit_code = t.unit_code
WHERE t.event_date = (SELECT max(event_date) FROM marts.tollgate_top_daily)
ORDER BY t.rank;
