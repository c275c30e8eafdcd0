-- View -> cart -> purchase conversion by category and brand in the latest UTC month (most viewed first).
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/funnel_monthly.sql)"  (or psql as lakehouse_bi)
-- Reads marts.funnel_monthly (sessions counted over the month, not summed from the days).
SELECT month, category_code, brand, sessions_viewed, sessions_carted, sessions_purchased,
       view_to_cart, cart_to_purchase, view_to_purchase
FROM marts.funnel_monthly
WHERE month = (SELECT max(month) FROM marts.funnel_monthly)
ORDER BY sessions_viewed DESC, category_code, brand;
