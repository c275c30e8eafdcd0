-- Independent definition of marts.sessions: one row per user_session over the counted events.
-- The session's user is the user of its earliest event (equal times: the smallest user id).
SELECT s.user_session::text                                                       AS user_session,
       (array_agg(s.user_id ORDER BY s.event_time, s.user_id))[1]::bigint           AS user_id,
       (min(s.event_time) AT TIME ZONE 'UTC')::timestamptz                          AS first_event_time,
       (max(s.event_time) AT TIME ZONE 'UTC')::timestamptz                          AS last_event_time,
       floor(extract(epoch FROM max(s.event_time) - min(s.event_time)))::bigint     AS duration_seconds,
       count(*)::bigint                                                             AS events,
       count(DISTINCT s.product_id)::bigint                                         AS unique_products,
       count(*) FILTER (WHERE s.event_type = 'view')::bigint                        AS views,
       count(*) FILTER (WHERE s.event_type = 'cart')::bigint                        AS carts,
       count(*) FILTER (WHERE s.event_type = 'purchase')::bigint                    AS purchases,
       coalesce(sum(coalesce(s.revenue, s.price * coalesce(s.quantity, 1))) FILTER (WHERE s.event_type = 'purchase'), 0)::numeric(20, 2) AS revenue,
       (count(*) FILTER (WHERE s.event_type = 'purchase') > 0)::boolean             AS converted
FROM independent.counted_events s
GROUP BY s.user_session
