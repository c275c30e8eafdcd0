-- Rejected records on the latest UTC day (of seen_at) of the mart per pipeline, source and reason, the most first.
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/rejected_latest.sql)"  (or psql as lakehouse_bi)
-- Reads marts.rejected_daily; the records themselves are in Iceberg raw.rejected_events (lakehouse sql).
SELECT seen_date, pipeline, source, reason, rejected
FROM marts.rejected_daily
WHERE seen_date = (SELECT max(seen_date) FROM marts.rejected_daily)
ORDER BY rejected DESC, pipeline, source, reason;
