-- Purpose: the session mart, one row per user_session (the dataset's session id), kept up to date by the
-- clickstream job; final once the watermark passes last_event_time + session timeout + allowed lateness.
-- Applied idempotently by the clickstream job at start (ClickstreamMarts.ensureTables), with ${schema}
-- replaced by the configured marts.schema; to apply by hand, replace ${schema} (e.g. marts) and run it with psql.
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.sessions (
    user_session     text           NOT NULL,
    user_id          bigint         NOT NULL,
    first_event_time timestamptz    NOT NULL,
    last_event_time  timestamptz    NOT NULL,
    duration_seconds bigint         NOT NULL,
    events           bigint         NOT NULL,
    unique_products  bigint         NOT NULL,
    views            bigint         NOT NULL,
    carts            bigint         NOT NULL,
    purchases        bigint         NOT NULL,
    revenue          numeric(18, 2) NOT NULL,
    converted        boolean        NOT NULL,
    updated_at       timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (user_session)
);
