-- Purpose: the active users mart (DAU, WAU, MAU), one row per UTC day, ISO week and month, kept up to date by
-- the clickstream job.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.active_users (
    period       text        NOT NULL CHECK (period IN ('day', 'week', 'month')),
    period_start date        NOT NULL,
    active_users bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period, period_start)
);
