-- Purpose: raw events per UTC hour straight from the lake (Iceberg raw.clickstream_events): events, views,
-- carts, purchases, distinct users and purchase revenue, the same numbers marts.traffic_hourly keeps.
-- A purchase earns its revenue, else price x quantity (one item without a quantity), as in the marts.
-- `views` is a reserved word in Flink SQL, hence the backticks.
-- Run: ./lakehouse sql -f sql-client/src/main/sql/examples/raw_events_by_hour.sql
SELECT
  DATE_FORMAT(CAST(event_time AS TIMESTAMP(0)), 'yyyy-MM-dd HH') AS event_hour,
  COUNT(*) AS events,
  COUNT(*) FILTER (WHERE event_type = 'view') AS `views`,
  COUNT(*) FILTER (WHERE event_type = 'cart') AS carts,
  COUNT(*) FILTER (WHERE event_type = 'purchase') AS purchases,
  COUNT(DISTINCT user_id) AS unique_users,
  COALESCE(SUM(COALESCE(revenue, price * COALESCE(quantity, 1))) FILTER (WHERE event_type = 'purchase'), 0)
    AS revenue
FROM lakehouse.`raw`.clickstream_events
GROUP BY DATE_FORMAT(CAST(event_time AS TIMESTAMP(0)), 'yyyy-MM-dd HH')
ORDER BY event_hour;
