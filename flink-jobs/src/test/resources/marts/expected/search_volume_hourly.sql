-- Independent definition of marts.search_volume_hourly: search events per UTC hour and region ('' when the event
-- has none), with their distinct users and sessions.
SELECT event_time::date                          AS event_date,
       extract(hour FROM event_time)::smallint   AS hour,
       coalesce(region, '')::text                AS region,
       count(*)::bigint                          AS searches,
       count(DISTINCT user_id)::bigint           AS unique_users,
       count(DISTINCT user_session)::bigint      AS unique_sessions
FROM independent.counted_events
WHERE event_type = 'search'
GROUP BY 1, 2, 3
