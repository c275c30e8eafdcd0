-- Most favourited now: the products favourited most in the newest 5-minute window of the marts.
-- Run: ./lakehouse query "$(cat deploy/dashboards/app-log/trending_favorites.sql)"  (or psql as lakehouse_bi)
-- Reads marts.trending_favorites; "now" is the event time the marts have reached, not the wall clock.
SELECT window_start, window_end, rank, product_id::text AS product, favorites
FROM marts.trending_favorites
WHERE window_end = (SELECT max(window_end) FROM marts.trending_favorites)
ORDER BY rank;
