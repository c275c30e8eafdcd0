-- Data freshness: the clickstream marts are complete up to complete_up_to (every event before it that will ever
-- count is counted); watermark is the event time they have reached, late_events those recorded but never counted.
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/data_freshness.sql)"  (or psql as lakehouse_bi)
-- Reads marts.pipeline_freshness (every clickstream mart's row carries the same values; traffic_hourly stands for all).
SELECT complete_up_to, watermark, late_events, last_checkpoint_at, input_finished
FROM marts.pipeline_freshness
WHERE mart = 'traffic_hourly';
