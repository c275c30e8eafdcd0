-- Purpose: the daily traffic mart, one row per UTC day, kept up to date by the clickstream job.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.traffic_daily (
    event_date       date           NOT NULL,
    events           bigint         NOT NULL,
    views            bigint         NOT NULL,
    carts            bigint         NOT NULL,
    purchases        bigint         NOT NULL,
    unique_users     bigint         NOT NULL,
    unique_sessions  bigint         NOT NULL,
    unique_products  bigint         NOT NULL,
    revenue          numeric(18, 2) NOT NULL,
    peak_hour        smallint       NOT NULL CHECK (peak_hour BETWEEN 0 AND 23),
    peak_hour_events bigint         NOT NULL,
    updated_at       timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (event_date)
);
