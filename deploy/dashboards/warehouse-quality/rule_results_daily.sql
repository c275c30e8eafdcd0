-- Data-quality rule results per UTC day and rule over the last 90 days of the mart: the share of checked records
-- that failed. For a drop rule the failed records went to raw.rejected_events (reason QUALITY_RULE).
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/rule_results_daily.sql)"  (or psql as lakehouse_bi)
-- Reads marts.data_quality_daily (filled when clickstream.quality.rules are declared).
SELECT event_date, rule, checked, passed, failed,
       round(failed::numeric / nullif(checked, 0), 4) AS failed_share
FROM marts.data_quality_daily
WHERE event_date > (SELECT max(event_date) FROM marts.data_quality_daily) - 90
ORDER BY event_date, rule;
