SELECT event_time::date                                       AS event_date,
       extract(hour FROM event_time)::smallint                AS hour,
       count(*)::bigint                                       AS events,
       count(*) FILTER (WHERE event_type = 'view')::bigint     AS views,
       count(*) FILTER (WHERE event_type = 'cart')::bigint     AS carts,
       count(*) FILTER (WHERE event_type = 'purchase')::bigint AS purchases,
       count(DISTINCT user_id)::bigint                        AS unique_users,
       count(DISTINCT user_session)::bigint                   AS unique_sessions,
       count(DISTINCT product_id)::bigint                     AS unique_products,
       coalesce(sum(coalesce(revenue, price * coalesce(quantity, 1))) FILTER (WHERE event_type = 'purchase'), 0)::numeric(20, 2) AS revenue
FROM independent.counted_events
GROUP BY 1, 2
