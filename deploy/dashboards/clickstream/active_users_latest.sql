-- The latest DAU, WAU and MAU (the newest day, ISO week and month in the marts; the open one counts so far).
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/active_users_latest.sql)"  (or psql as lakehouse_bi)
-- Reads marts.active_users.
SELECT (SELECT active_users FROM marts.active_users WHERE period = 'day' ORDER BY period_start DESC LIMIT 1) AS dau,
       (SELECT active_users FROM marts.active_users WHERE period = 'week' ORDER BY period_start DESC LIMIT 1) AS wau,
       (SELECT active_users FROM marts.active_users WHERE period = 'month' ORDER BY period_start DESC LIMIT 1) AS mau
WHERE EXISTS (SELECT 1 FROM marts.active_users);
