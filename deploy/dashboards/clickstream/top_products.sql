-- The most viewed products of the latest UTC day, by rank (popular_products_daily keeps the top 20).
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/top_products.sql)"  (or psql as lakehouse_bi)
-- Reads marts.popular_products_daily; product is the product id as text (a label, not a number to add up).
SELECT event_date, rank, product_id::text AS product, views, unique_sessions, carts, purchases
FROM marts.popular_products_daily
WHERE event_date = (SELECT max(event_date) FROM marts.popular_products_daily)
ORDER BY rank;
