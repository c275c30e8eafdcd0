-- Independent definition of marts.funnel_monthly: per UTC month, category_code and brand ('' when missing),
-- the distinct sessions that viewed / carted / purchased products of that category and brand that month. A
-- session's stages combine over the whole month (a view on one day and a cart on the next is viewed_and_carted);
-- a session with events in two months counts in each, with that month's events.
WITH session_stages AS (
    SELECT date_trunc('month', e.event_time)::date AS month,
           coalesce(e.category_code, '')          AS category_code,
           coalesce(e.brand, '')                  AS brand,
           e.user_session,
           bool_or(e.event_type = 'view')         AS viewed,
           bool_or(e.event_type = 'cart')         AS carted,
           bool_or(e.event_type = 'purchase')     AS purchased
    FROM independent.counted_events e
    WHERE e.event_type IN ('view', 'cart', 'purchase')
    GROUP BY 1, 2, 3, 4
), counts AS (
    SELECT month, category_code, brand,
           count(*) FILTER (WHERE viewed)                 AS sessions_viewed,
           count(*) FILTER (WHERE carted)                 AS sessions_carted,
           count(*) FILTER (WHERE purchased)              AS sessions_purchased,
           count(*) FILTER (WHERE viewed AND carted)      AS viewed_and_carted,
           count(*) FILTER (WHERE carted AND purchased)   AS carted_and_purchased,
           count(*) FILTER (WHERE viewed AND purchased)   AS viewed_and_purchased
    FROM session_stages
    GROUP BY 1, 2, 3
)
SELECT month::date,
       category_code::text,
       brand::text,
       sessions_viewed::bigint,
       sessions_carted::bigint,
       sessions_purchased::bigint,
       viewed_and_carted::bigint,
       carted_and_purchased::bigint,
       viewed_and_purchased::bigint,
       (CASE WHEN sessions_viewed = 0 THEN NULL
             ELSE round(viewed_and_carted::numeric / sessions_viewed, 4) END)::numeric(12, 4)    AS view_to_cart,
       (CASE WHEN sessions_carted = 0 THEN NULL
             ELSE round(carted_and_purchased::numeric / sessions_carted, 4) END)::numeric(12, 4) AS cart_to_purchase,
       (CASE WHEN sessions_viewed = 0 THEN NULL
             ELSE round(viewed_and_purchased::numeric / sessions_viewed, 4) END)::numeric(12, 4) AS view_to_purchase
FROM counts
