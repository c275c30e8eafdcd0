-- Purpose: how fresh the clickstream marts are, one row per mart table: the event-time watermark they have
-- processed, the event time up to which they are complete and final, late events recorded, the last completed
-- checkpoint and the raw Iceberg snapshot. Written by the clickstream job at most once per flush interval.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.pipeline_freshness (
    mart               text        NOT NULL,
    watermark          timestamptz,
    complete_up_to     timestamptz,
    late_events        bigint      NOT NULL,
    last_checkpoint_id bigint,
    last_checkpoint_at timestamptz,
    raw_snapshot_id    bigint,
    input_finished     boolean     NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mart)
);
