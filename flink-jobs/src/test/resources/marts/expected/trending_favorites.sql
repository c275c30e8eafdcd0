-- Independent definition of marts.trending_favorites with the defaults (window 5 minutes, refresh 1 minute,
-- top 10): a favorite event at time t counts in the windows ending at the 5 whole minutes in (t, t + 5 min],
-- i.e. window_end - 5 min <= t < window_end. Products ranked by favorites (ties: smaller product_id first).
WITH favorite_windows AS (
    SELECT date_trunc('minute', e.event_time) + make_interval(mins => k) AS window_end,
           e.product_id
    FROM independent.counted_events e
    CROSS JOIN generate_series(1, 5) AS k
    WHERE e.event_type = 'favorite'
), counts AS (
    SELECT window_end, product_id, count(*) AS favorites
    FROM favorite_windows
    GROUP BY 1, 2
), ranked AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.window_end ORDER BY c.favorites DESC, c.product_id) AS rank
    FROM counts c
)
SELECT (window_end AT TIME ZONE 'UTC')::timestamptz                         AS window_end,
       rank::integer,
       ((window_end - interval '5 minutes') AT TIME ZONE 'UTC')::timestamptz AS window_start,
       product_id::bigint,
       favorites::bigint
FROM ranked
WHERE rank <= 10
