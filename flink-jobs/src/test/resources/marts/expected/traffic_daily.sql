-- Independent definition of marts.traffic_daily: one row per UTC day of the counted events; the peak hour is
-- the hour of day with the most events, the earliest one on ties.
WITH per_hour AS (
    SELECT CAST(event_time AS date) AS event_date, extract(hour FROM event_time) AS hour, count(*) AS events
    FROM independent.counted_events
    GROUP BY 1, 2
), peak AS (
    SELECT DISTINCT ON (event_date) event_date, hour, events
    FROM per_hour
    ORDER BY event_date, events DESC, hour
), per_day AS (
    SELECT
        CAST(event_time AS date)                                    AS event_date,
        count(*)                                                    AS events,
        count(*) FILTER (WHERE event_type = 'view')                 AS views,
        count(*) FILTER (WHERE event_type = 'cart')                 AS carts,
        count(*) FILTER (WHERE event_type = 'purchase')             AS purchases,
        count(DISTINCT user_id)                                     AS unique_users,
        count(DISTINCT user_session)                                AS unique_sessions,
        count(DISTINCT product_id)                                  AS unique_products,
        coalesce(sum(coalesce(revenue, price * coalesce(quantity, 1))) FILTER (WHERE event_type = 'purchase'), 0) AS revenue
    FROM independent.counted_events
    GROUP BY 1
)
SELECT
    d.event_date,
    CAST(d.events AS bigint)           AS events,
    CAST(d.views AS bigint)            AS views,
    CAST(d.carts AS bigint)            AS carts,
    CAST(d.purchases AS bigint)        AS purchases,
    CAST(d.unique_users AS bigint)     AS unique_users,
    CAST(d.unique_sessions AS bigint)  AS unique_sessions,
    CAST(d.unique_products AS bigint)  AS unique_products,
    CAST(d.revenue AS numeric(20, 2))  AS revenue,
    CAST(p.hour AS smallint)           AS peak_hour,
    CAST(p.events AS bigint)           AS peak_hour_events
FROM per_day d
JOIN peak p ON p.event_date = d.event_date
