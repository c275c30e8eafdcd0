-- Rejected records per UTC day and reason over the last 90 days of the mart, all pipelines and sources together. The
-- day is the records' seen_at (their Kafka record timestamp, file time or ingestion time), as in raw.rejected_events.
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/rejected_by_reason_daily.sql)"  (or psql as lakehouse_bi)
-- Reads marts.rejected_daily (the clickstream job always fills it).
SELECT seen_date, reason, sum(rejected) AS rejected
FROM marts.rejected_daily
WHERE seen_date > (SELECT max(seen_date) FROM marts.rejected_daily) - 90
GROUP BY seen_date, reason
ORDER BY seen_date, reason;
