-- Independent definition of marts.device_daily: every counted event per UTC day and device ('' when missing),
-- with distinct users and sessions.
SELECT event_time::date                      AS event_date,
       coalesce(device, '')::text            AS device,
       count(*)::bigint                      AS events,
       count(DISTINCT user_id)::bigint       AS unique_users,
       count(DISTINCT user_session)::bigint  AS unique_sessions
FROM independent.counted_events
GROUP BY 1, 2
