-- Purpose: the most viewed products of each UTC day (top N by views, ties to the smaller product_id), one
-- row per rank; kept up to date by the clickstream job, final at day end + allowed lateness.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.popular_products_daily (
    event_date      date        NOT NULL,
    rank            integer     NOT NULL CHECK (rank >= 1),
    product_id      bigint      NOT NULL,
    views           bigint      NOT NULL,
    unique_sessions bigint      NOT NULL,
    carts           bigint      NOT NULL,
    purchases       bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_date, rank)
);
