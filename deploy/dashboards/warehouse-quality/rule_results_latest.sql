-- Every data-quality rule on the latest UTC day of the mart, the most failing first.
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/rule_results_latest.sql)"  (or psql as lakehouse_bi)
-- Reads marts.data_quality_daily.
SELECT event_date, pipeline, rule, checked, passed, failed,
       round(failed::numeric / nullif(checked, 0), 4) AS failed_share
FROM marts.data_quality_daily
WHERE event_date = (SELECT max(event_date) FROM marts.data_quality_daily)
ORDER BY failed_share DESC NULLS LAST, rule;
