-- Purpose: reconcile the lake with the marts: raw events per UTC hour (Iceberg) joined with
-- marts.traffic_hourly (PostgreSQL). A non-zero difference means the mart is behind (an open hour,
-- a job that is down) or an hour is missing on one side.
-- Run: ./lakehouse sql -f sql-client/src/main/sql/examples/raw_vs_marts_hourly.sql
-- The marts catalog's default database is the stack's; its tables are named <schema>.<table>.
USE CATALOG marts;

SELECT
  COALESCE(m.event_date, r.event_date) AS event_date,
  COALESCE(m.`hour`, r.event_hour) AS event_hour,
  r.raw_events,
  m.events AS mart_events,
  COALESCE(r.raw_events, 0) - COALESCE(m.events, 0) AS difference
FROM `marts.traffic_hourly` AS m
FULL OUTER JOIN (
  SELECT
    CAST(CAST(event_time AS TIMESTAMP(0)) AS DATE) AS event_date,
    CAST(EXTRACT(HOUR FROM CAST(event_time AS TIMESTAMP(0))) AS SMALLINT) AS event_hour,
    COUNT(*) AS raw_events
  FROM lakehouse.`raw`.clickstream_events
  GROUP BY CAST(CAST(event_time AS TIMESTAMP(0)) AS DATE), CAST(EXTRACT(HOUR FROM CAST(event_time AS TIMESTAMP(0))) AS SMALLINT)
) AS r
  ON m.event_date = r.event_date AND m.`hour` = r.event_hour
ORDER BY event_date, event_hour;

USE CATALOG lakehouse;
