-- Independent definition of marts.popular_products_daily with the default top N (20): per UTC day, the
-- products with at least one view ranked by views (ties: smaller product_id first).
WITH product_days AS (
    SELECT e.event_time::date                                    AS event_date,
           e.product_id,
           count(*) FILTER (WHERE e.event_type = 'view')         AS views,
           count(DISTINCT e.user_session)                        AS unique_sessions,
           count(*) FILTER (WHERE e.event_type = 'cart')         AS carts,
           count(*) FILTER (WHERE e.event_type = 'purchase')     AS purchases
    FROM independent.counted_events e
    GROUP BY 1, 2
), ranked AS (
    SELECT p.*, row_number() OVER (PARTITION BY p.event_date ORDER BY p.views DESC, p.product_id) AS rank
    FROM product_days p
    WHERE p.views > 0
)
SELECT event_date::date,
       rank::integer,
       product_id::bigint,
       views::bigint,
       unique_sessions::bigint,
       carts::bigint,
       purchases::bigint
FROM ranked
WHERE rank <= 20
