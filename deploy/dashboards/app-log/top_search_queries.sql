-- Top search queries per region on the latest UTC day (normalised queries; '(none)': searches without text/region).
-- Run: ./lakehouse query "$(cat deploy/dashboards/app-log/top_search_queries.sql)"  (or psql as lakehouse_bi)
-- Reads marts.top_search_queries_daily (top 10 per region and day).
SELECT event_date, coalesce(nullif(region, ''), '(none)') AS region, rank,
       coalesce(nullif(query, ''), '(none)') AS query, searches
FROM marts.top_search_queries_daily
WHERE event_date = (SELECT max(event_date) FROM marts.top_search_queries_daily)
ORDER BY region, rank;
