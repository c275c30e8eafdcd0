-- Products seen for the first time per UTC day (event time) over the last 90 days.
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/products_first_seen_daily.sql)"  (or psql as lakehouse_bi)
-- Reads marts.dim_product.
WITH products AS (
    SELECT (first_seen AT TIME ZONE 'UTC')::date AS first_seen_date FROM marts.dim_product
)
SELECT first_seen_date, count(*) AS new_products
FROM products
WHERE first_seen_date > (SELECT max(first_seen_date) FROM products) - 90
GROUP BY first_seen_date
ORDER BY first_seen_date;
