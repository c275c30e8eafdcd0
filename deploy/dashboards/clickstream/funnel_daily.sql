-- View -> cart -> purchase conversion by category and brand on the latest UTC day (most viewed first).
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/funnel_daily.sql)"  (or psql as lakehouse_bi)
-- Reads marts.funnel_daily; '' is "no category" / "no brand"; rates are NULL when no session reached the stage.
SELECT event_date, category_code, brand, sessions_viewed, sessions_carted, sessions_purchased,
       view_to_cart, cart_to_purchase, view_to_purchase
FROM marts.funnel_daily
WHERE event_date = (SELECT max(event_date) FROM marts.funnel_daily)
ORDER BY sessions_viewed DESC, category_code, brand;
