-- Purpose: the daily category traffic mart, one row per UTC day, level ('top' or 'full') and category, kept up
-- to date by the clickstream job. Events without a category code count under category '' on both levels.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.category_daily (
    event_date      date        NOT NULL,
    level           text        NOT NULL CHECK (level IN ('top', 'full')),
    category        text        NOT NULL,
    events          bigint      NOT NULL,
    unique_sessions bigint      NOT NULL,
    unique_users    bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_date, level, category)
);
