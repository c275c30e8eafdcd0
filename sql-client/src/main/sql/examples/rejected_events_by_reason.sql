-- Purpose: what the pipelines rejected (Iceberg raw.rejected_events), by source and reason code, with the
-- first and last time each was seen: the first place to look when a mart looks short.
-- Run: ./lakehouse sql -f sql-client/src/main/sql/examples/rejected_events_by_reason.sql
-- Drill down: SELECT source_position, message, CAST(payload AS STRING) FROM lakehouse.`raw`.rejected_events WHERE reason = 'NOT_JSON';
SELECT
  source,
  reason,
  COUNT(*) AS records,
  MIN(seen_at) AS first_seen,
  MAX(seen_at) AS last_seen
FROM lakehouse.`raw`.rejected_events
GROUP BY source, reason
ORDER BY records DESC, source, reason;
