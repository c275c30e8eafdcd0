-- Purpose: the most carted products of the last trending window (default 5 minutes), re-ranked at every
-- refresh instant window_end (default every minute, UTC epoch-aligned); one row per window_end and rank.
-- Kept up to date by the clickstream job, final at window_end + allowed lateness.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.trending_products (
    window_end   timestamptz NOT NULL,
    rank         integer     NOT NULL CHECK (rank >= 1),
    window_start timestamptz NOT NULL,
    product_id   bigint      NOT NULL,
    carts        bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (window_end, rank)
);
