-- Purpose: time travel: raw.clickstream_events as it was at an earlier Iceberg snapshot, beside today.
-- Every checkpoint of a job commits one snapshot, so this shows what the lake held at that moment.
-- Lake maintenance expires snapshots older than maintenance.snapshot-retention (1 h by default; README runbook).
-- Run: ./lakehouse sql -f sql-client/src/main/sql/examples/time_travel.sql --define SNAPSHOT_ID=<id>
-- Find snapshot ids (newest last):
--   SELECT snapshot_id, committed_at, operation FROM lakehouse.`raw`.`clickstream_events$snapshots` ORDER BY committed_at;
-- Or by time: replace the hint with /*+ OPTIONS('as-of-timestamp'='<epoch millis>') */.
SELECT 'then' AS version, event_type, COUNT(*) AS events
FROM lakehouse.`raw`.clickstream_events /*+ OPTIONS('snapshot-id'='${SNAPSHOT_ID}') */
GROUP BY event_type
UNION ALL
SELECT 'now' AS version, event_type, COUNT(*) AS events
FROM lakehouse.`raw`.clickstream_events
GROUP BY event_type
ORDER BY version DESC, event_type;
