-- Purchases, units and revenue per UTC day from the warehouse facts, last 90 days of the facts. Revenue and
-- quantity are what the source sent (NULL for dataset events, so only app-log purchases add up here).
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/fact_revenue_daily.sql)"  (or psql as lakehouse_bi)
-- Reads marts.fact_user_events.
WITH purchases AS (
    SELECT (event_time AT TIME ZONE 'UTC')::date AS event_date, user_id, quantity, revenue
    FROM marts.fact_user_events
    WHERE event_type = 'purchase'
)
SELECT event_date, count(*) AS purchases, count(DISTINCT user_id) AS buyers,
       coalesce(sum(quantity), 0) AS units, coalesce(sum(revenue), 0) AS revenue
FROM purchases
WHERE event_date > (SELECT max(event_date) FROM purchases) - 90
GROUP BY event_date
ORDER BY event_date;
