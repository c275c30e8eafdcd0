-- Trending now: the most carted products in the newest 5-minute window of the marts (refreshed every minute).
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/trending_products.sql)"  (or psql as lakehouse_bi)
-- Reads marts.trending_products; "now" is the event time the marts have reached, not the wall clock.
SELECT window_start, window_end, rank, product_id::text AS product, carts
FROM marts.trending_products
WHERE window_end = (SELECT max(window_end) FROM marts.trending_products)
ORDER BY rank;
