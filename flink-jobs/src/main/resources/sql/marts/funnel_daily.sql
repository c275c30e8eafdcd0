-- Purpose: the view -> cart -> purchase funnel per UTC day, category_code and brand ('' when missing),
-- counted in distinct sessions; kept up to date by the clickstream job, final at day end + allowed lateness.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.funnel_daily (
    event_date           date           NOT NULL,
    category_code        text           NOT NULL,
    brand                text           NOT NULL,
    sessions_viewed      bigint         NOT NULL,
    sessions_carted      bigint         NOT NULL,
    sessions_purchased   bigint         NOT NULL,
    viewed_and_carted    bigint         NOT NULL,
    carted_and_purchased bigint         NOT NULL,
    viewed_and_purchased bigint         NOT NULL,
    view_to_cart         numeric(12, 4),
    cart_to_purchase     numeric(12, 4),
    view_to_purchase     numeric(12, 4),
    updated_at           timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (event_date, category_code, brand)
);
